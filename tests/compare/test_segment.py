"""Segmentation of diplomatic prose: table-driven cases."""

import pytest

from tracker.compare.segment import segment, split_paragraphs

SENTENCE_CASES = [
    # abbreviations and acronyms
    ("The U.S. and the ROK met in Washington, D.C. on Sept. 16. They agreed.",
     ["The U.S. and the ROK met in Washington, D.C. on Sept. 16.", "They agreed."]),
    ("Gen. Kim and Dr. Lee met Mr. Park. Amb. Goldberg joined.",
     ["Gen. Kim and Dr. Lee met Mr. Park.", "Amb. Goldberg joined."]),
    ("U.N. Security Council Resolution No. 2397 applies. The allies agreed.",
     ["U.N. Security Council Resolution No. 2397 applies.", "The allies agreed."]),
    ("Capabilities, e.g. nuclear, i.e. all of them. Next.",
     ["Capabilities, e.g. nuclear, i.e. all of them.", "Next."]),
    ("The U.S.-ROK Alliance is strong. The ROK-U.S. Alliance is too.",
     ["The U.S.-ROK Alliance is strong.", "The ROK-U.S. Alliance is too."]),
    ("The allies met in the U.S. The ROK hosted next.",
     ["The allies met in the U.S.", "The ROK hosted next."]),
    ("It was held in Jan. and June. Officials met in Nov. The talks ended.",
     ["It was held in Jan. and June.", "Officials met in Nov.", "The talks ended."]),
    # initials
    ("Bonnie D. Jenkins and Kim J. Park spoke. They agreed.",
     ["Bonnie D. Jenkins and Kim J. Park spoke.", "They agreed."]),
    # quotations
    ('The commitment is "ironclad." Both sides agreed.',
     ['The commitment is "ironclad."', "Both sides agreed."]),
    ("The commitment is \u201cironclad.\u201d Both sides agreed.",
     ["The commitment is \u201cironclad.\u201d", "Both sides agreed."]),
    ('"Will it hold?" he asked. It will.', ['"Will it hold?" he asked.', "It will."]),
    # other terminators and brackets
    ("Deterrence works! Does it? Yes (mostly.) Done.",
     ["Deterrence works!", "Does it?", "Yes (mostly.)", "Done."]),
    ("In 2023. The allies met.", ["In 2023.", "The allies met."]),
    # lower-case continuation never starts a sentence
    ("Approx. ten officials attended. at 5 p.m. they left.",
     ["Approx. ten officials attended. at 5 p.m. they left."]),
    # list items keep their number
    ("1. Hold an exercise.", ["1. Hold an exercise."]),
    ("(a) Expand sharing. (b) Increase visits.", ["(a) Expand sharing.", "(b) Increase visits."]),
    ("iv. Fourth item. Next item.", ["iv. Fourth item.", "Next item."]),
    # heading without a full stop
    ("Joint Statement", ["Joint Statement"]),
    ("", []),
    ("   \n\n  ", []),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCE_CASES)
def test_sentences(text, expected):
    assert [sentence.text for sentence in segment(text)] == expected


PARAGRAPH_CASES = [
    # canonical form: blocks separated by one blank line
    ("Heading\n\nFirst para. Still first.\n\nSecond para.", ["Heading", "First para. Still first.",
                                                              "Second para."]),
    # one paragraph per line (plain .txt files)
    ("Joint Statement\nThe allies met. They agreed.\nThey will meet again.",
     ["Joint Statement", "The allies met. They agreed.", "They will meet again."]),
    # list items inside one block
    ("The steps:\n1. Hold an exercise\n2. Share data\n- a bullet\n\u2022 another",
     ["The steps:", "1. Hold an exercise", "2. Share data", "- a bullet", "\u2022 another"]),
    # a soft-wrapped paragraph stays one paragraph
    ("The United States and the Republic of Korea held the meeting of the\n"
     "Extended Deterrence Strategy and Consultation Group in Seoul today.",
     ["The United States and the Republic of Korea held the meeting of the\n"
      "Extended Deterrence Strategy and Consultation Group in Seoul today."]),
    # boilerplate lines dropped
    ("Statement text.\n###\nPrint | Share\n-30-", ["Statement text."]),
    # CRLF line ends
    ("One.\r\n\r\nTwo.", ["One.", "Two."]),
]


@pytest.mark.parametrize(("text", "expected"), PARAGRAPH_CASES)
def test_paragraphs(text, expected):
    assert [text[start:end] for start, end in split_paragraphs(text)] == expected


def test_sentences_keep_paragraph_index_and_exact_text():
    text = "Heading\n\n  The \u201callies\u201d  met.   They agreed.\n\nEnd."
    sentences = segment(text)
    assert [(s.index, s.paragraph) for s in sentences] == [(0, 0), (1, 1), (2, 1), (3, 2)]
    for sentence in sentences:
        assert text[sentence.start : sentence.start + len(sentence.text)] == sentence.text
    assert sentences[1].text == "The \u201callies\u201d  met."


LONG_TEXT = ("The U.S. and the ROK met in Washington, D.C. on Sept. 16. Gen. Kim J. Park spoke. "
             "They called it \u201cironclad.\u201d The allies met in the U.S. The ROK hosted next. "
             "1. Hold an exercise. (b) Share data. It is. ") * 40


def test_one_paragraph_splits_into_the_same_sentences_as_with_breaks():
    with_breaks = LONG_TEXT.replace("next. ", "next.\n\n")
    assert [s.text for s in segment(LONG_TEXT)] == [s.text for s in segment(with_breaks)]
    assert {s.paragraph for s in segment(LONG_TEXT)} == {0}


def test_a_limit_stops_segmentation_one_sentence_past_it():
    whole = segment(LONG_TEXT)
    assert len(whole) > 100
    assert segment(LONG_TEXT, limit=100) == whole[:101]
    assert segment(LONG_TEXT, limit=len(whole)) == whole
    assert segment("One. Two.", limit=0) == segment("One. Two.")[:1]
