"""Events on unseen text, round 4: a title restating the body's act is one event with it (the
body's wording kept), different calls told by different voices stay two, conjoined objects
are all recipients, « soutient X » after a quotation is arguing, not backing. Real OrangeSum
sentences, none from the development golds."""

from __future__ import annotations

from conftest import events_of as _events
from veille.models import Event, Span
from veille.nlp.events.extract import lead_end
from veille.nlp.events.merge import merge_events


def _ev(type_, actors, recipients, start, text, trigger, modality="asserted", confidence=0.7):
    return Event(type=type_, actors=actors, recipients=recipients, modality=modality, confidence=confidence,
                 evidence=Span(start=start, end=start + len(text), text=text),
                 trigger=Span(start=start, end=start + len(trigger), text=trigger))


# OrangeSum 12330 (2019-12-04): title, then body
TITLE = "Retraites : Marine Le Pen fustige la réforme du gouvernement"
BODY = "Dans un entretien à 20 Minutes, la dirigeante du Rassemblement national a fustigé la réforme des retraites du gouvernement."


def test_lead_end_is_the_title_only():
    text = TITLE + "\n\n" + BODY
    assert lead_end(text) == len(TITLE)
    assert lead_end(BODY + "\n\n" + BODY) == 0  # a first paragraph ending with a stop is no title
    assert lead_end(BODY) == 0


def test_title_restatement_merges_into_the_body_event():
    body_start = len(TITLE) + 2
    title_ev = _ev("ACCUSE", ["Marine Le Pen"], ["Government of France"], 0, TITLE, "fustige", confidence=0.9)
    body_ev = _ev("ACCUSE", ["Marine Le Pen"], ["Government of France"], body_start, BODY, "fustigé", confidence=0.6)
    (one,) = merge_events([title_ev, body_ev], lead_end(TITLE + "\n\n" + BODY))
    assert one.evidence.start == body_start  # the body's statement is kept, the title is more evidence
    assert [s.start for s in one.more_evidence] == [0]


def test_title_with_other_words_and_a_shared_recipient_merges():
    # « Maduro invite UE et ONU » / « Le gouvernement vénézuélien a invité les Nations unies et l'UE »
    title = "Venezuela: Maduro invite UE et ONU à envoyer des observateurs"
    t = _ev("AGREE", ["Nicolás Maduro"], ["European Union", "United Nations"], 0, title, "invite")
    b = _ev("AGREE", ["Government of Venezuela"], ["United Nations", "European Union"], len(title) + 2,
            "Le gouvernement vénézuélien a invité les Nations unies et l'Union européenne.", "invité")
    (one,) = merge_events([t, b], len(title))
    assert one.actors == ["Government of Venezuela"]
    # without a title, two different actors stay two events
    assert len(merge_events([t.model_copy(deep=True), b.model_copy(deep=True)], 0)) == 2


def test_two_body_speech_acts_with_other_words_stay_two():
    a = _ev("ACCUSE", ["Marine Le Pen"], [], 200, "Elle fustige la réforme.", "fustige")
    b = _ev("ACCUSE", ["Marine Le Pen"], [], 300, "Elle dénonce la réforme.", "dénonce")
    assert len(merge_events([a, b], 50)) == 2


def test_calls_told_by_different_voices_stay_two():
    a = _ev("REQUEST", ["X"], [], 100, "la jeune fille appelle le Samu", "appelle")
    b = _ev("REQUEST", ["X"], ["National Police"], 200, "elle a appelé la police", "appelé", modality="claimed")
    assert len(merge_events([a, b])) == 2


def test_soutenir_after_a_quotation_is_arguing(analyzer):
    # OrangeSum 2422
    text = ("\"Jusqu'à ce qu'on ait une pandémie et qu'il y ait des morts\", soutient Cherine Benzouid, "
            "cardiologue à l'hôpital pour enfants Robert Debré à Paris.")
    assert not any(e.type == "SUPPORT" for e in _events(analyzer, text))


def test_backing_someone_is_still_support(analyzer):
    # OrangeSum 33143
    text = ("Les dirigeants des médias francophones publics ont renouvelé jeudi leur soutien au journaliste "
            "algérien Khaled Drareni.")
    assert any(e.type == "SUPPORT" and "Khaled Drareni" in e.recipients for e in _events(analyzer, text, "2020-08-13"))
