"""The shared spaCy pipeline: built once, blank English plus rules, no trained model needed."""

from analysis.nlp import get_nlp


def test_pipeline_is_built_once_from_blank_english():
    nlp = get_nlp()
    assert nlp is get_nlp()
    assert nlp.lang == "en"
    assert nlp.pipe_names == ["sentence_rules", "lemmatizer"]
    assert nlp.meta.get("vectors", {}).get("width", 0) == 0  # no statistical model or vectors


def test_lookup_lemmatizer():
    doc = get_nlp()("Departments continued supporting programmes and ran events")
    assert [t.lemma_ for t in doc] == ["Departments", "continue", "support", "programme", "and", "run", "event"]
