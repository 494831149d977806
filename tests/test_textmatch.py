from build_dossier.textmatch import closest_passage, fold, locate

TEXT = (
    "The Kremlin said specialists service pre-\nexisting contracts. \u201cThey believe the fight\n"
    "is being lost,\u201d a person said \u2014 twice. It\u2019s unclear (\u2026) what it carried.\n"
    "It's unclear what it carried."
)


def spans(quote, **context):
    return [(m.start, m.end) for m in locate(fold(TEXT), quote, **context)]


def test_line_wraps_and_whitespace_runs_are_one_space():
    [(start, end)] = spans("They believe the fight    is being lost")
    assert TEXT[start:end] == "They believe the fight\nis being lost"


def test_hyphen_at_line_end_joins_the_word():
    [(start, end)] = spans("service pre-existing contracts")
    assert TEXT[start:end] == "service pre-\nexisting contracts"


def test_typographic_quotes_dashes_and_ellipsis_match_ascii():
    assert spans('"They believe the fight is being lost," a person said - twice.')
    assert spans("It's unclear (...) what it carried.")


def test_otherwise_exact():
    assert spans("they believe the fight") == []  # case matters
    assert spans("The Kremlin said specialist service") == []


def test_repeated_passage_needs_prefix_or_suffix():
    assert len(spans("unclear what it carried.")) == 1  # the other has "(…)" in the middle
    assert len(spans("what it carried.")) == 2
    [(start, _)] = spans("what it carried.", prefix="It's unclear")
    assert start == TEXT.rindex("what it carried.")
    [(start, _)] = spans("what it carried.", prefix="(...)")
    assert start == TEXT.index("what it carried.")


def test_closest_passage_points_at_the_near_miss():
    start, end = closest_passage(TEXT, fold(TEXT), "service pre-existing contract for arms")
    assert TEXT[start:end].replace("\n", "").startswith("service pre-existing contract")


def test_a_dash_at_a_line_end_is_not_a_hyphenated_word():
    text = "Brigade \u2014\nventure capital and pre-\nexisting deals, a - \nspaced hyphen."
    assert spans_in(text, "Brigade \u2014 venture capital")
    assert spans_in(text, "Brigade - venture")
    assert not spans_in(text, "Brigade -venture")
    assert spans_in(text, "pre-existing deals")
    assert spans_in(text, "a - spaced hyphen")


def spans_in(text, quote):
    return locate(fold(text), quote)


def test_folding_maps_every_position_back_to_the_raw_text():
    raw = "  Lead\u00a0text \u201cquoted\u201d \u2014 and\u2026 pre-\n  existing,\n\n\tend  "
    text = fold(raw)
    assert text.folded == 'Lead text "quoted" - and... pre-existing, end'
    for index, char in enumerate(text.folded):
        source = raw[text.raw_offset(index)]
        if char == " ":
            assert source.isspace()
        elif char == "." and source == "\u2026":
            continue
        else:
            assert fold(source).folded == char, (index, char, source)
    assert text.raw_span(0, len(text.folded)) == (2, len(raw.rstrip()))
