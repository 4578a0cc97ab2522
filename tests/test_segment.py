from veille.nlp.segment import chunks


def test_chunks_rebuild_the_text_exactly():
    text = "Titre\n\nPremier paragraphe. Deuxième phrase.\nSecond paragraphe sans fin"
    parts = chunks(text)
    assert "".join(parts) == text
    assert parts[0] == "Titre\n\n"
    assert len(parts) == 3


def test_long_paragraph_is_cut_after_a_sentence_end():
    sentence = "Le parlement irakien a voté en faveur du retrait des troupes étrangères. "
    text = sentence * 200  # ~14,600 characters, no line break, as in glued corpora
    parts = chunks(text, max_chars=2000)
    assert "".join(parts) == text
    assert all(len(p) <= 2000 for p in parts)
    assert all(p.endswith(". ") for p in parts[:-1])


def test_paragraph_without_sentence_end_is_cut_at_a_space():
    text = "mot " * 1000
    parts = chunks(text, max_chars=500)
    assert "".join(parts) == text
    assert all(p.endswith(" ") for p in parts[:-1])
