from sitrep.stages.text import split_sentences


def test_sentences_keep_offsets_into_the_original():
    text = "Militia Seizes Border Post\n\nGunmen took the post on Monday. Lt. Gen. Haddad said U.S. jets hit it."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Militia Seizes Border Post",
        "Gunmen took the post on Monday.",
        "Lt. Gen. Haddad said U.S. jets hit it.",
    ]
    for s in sentences:
        assert text[s.start:s.end] == s.text


def test_paragraphs_are_counted():
    sentences = split_sentences("One. Two.\n\nThree.")
    assert [s.paragraph for s in sentences] == [0, 0, 1]


def test_month_abbreviation_does_not_end_a_sentence():
    sentences = split_sentences("The assault began on Sept. 4 near the dam.")
    assert len(sentences) == 1


def test_wire_dateline_with_a_spaced_hyphen_is_recognised():
    from sitrep.stages.text import dateline_end
    text = "PORT-AU-PRINCE, Jan 9 (Wire) - Gunmen burned a market in the town on Tuesday."
    s = split_sentences(text)[0]
    assert text[dateline_end(s):].startswith("Gunmen")


def test_two_letter_first_word_of_a_city_dateline():
    from sitrep.stages.text import dateline_end
    text = "AL QAIM, Iraq, May 2 (Wire) - Troops entered the town."
    s = split_sentences(text)[0]
    assert text[dateline_end(s):].startswith("Troops")
    plain = "US troops left the base - a first."
    assert dateline_end(split_sentences(plain)[0]) == 0
