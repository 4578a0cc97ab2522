"""Events layer: the lexicon, the PLOVER/CAMEO table, modality priorities and merging.

Pure Python: no spaCy model is loaded.
"""

from __future__ import annotations

import pytest

from veille.models import Event, Span
from veille.nlp.events.lexicon import PLOVER_TYPES, load_lexicon, parse_lexicon
from veille.nlp.events.merge import merge_events
from veille.nlp.events.modality import Frames, modality_of
from veille.nlp.events.plover import PLOVER_MODES, cameo_for, load_table, plover_mode, quad_class


def test_lexicon_covers_the_sixteen_types_with_verbs_and_nouns():
    lex = load_lexicon()
    types_v = {t.type for ts in lex.verbs.values() for t in ts}
    types_n = {t.type for ts in lex.nouns.values() for t in ts}
    assert types_v | types_n == set(PLOVER_TYPES)
    # the types of world/politics news have both verbal and nominal triggers
    for etype in ("ASSAULT", "COERCE", "SANCTION", "RETREAT", "REQUEST", "CONSULT", "PROTEST"):
        assert etype in types_v and etype in types_n, etype


def test_every_lexicon_condition_names_a_known_class_or_lemmas():
    lex = load_lexicon()
    known = set(lex.classes) | {"EVENT", "PER", "ORG", "GPE", "LOC", "LIGHT", "OCCUR"}
    for table in (lex.verbs, lex.nouns):
        for trigs in table.values():
            for trig in trigs:
                for group in trig.conditions:
                    for atom in group:
                        if atom.value and atom.value.isupper():
                            assert atom.value in known, (trig.lemma, atom)


def test_every_lexicon_type_and_mode_has_a_cameo_code():
    lex = load_lexicon()
    for table in (lex.verbs, lex.nouns):
        for trigs in table.values():
            for trig in trigs:
                code, root, quad = cameo_for(trig.type, trig.mode)
                assert code and root and quad in (1, 2, 3, 4), (trig.type, trig.mode)


def test_bad_lexicon_lines_are_rejected_with_their_line_number():
    with pytest.raises(ValueError, match="line 1"):
        parse_lexicon(["ATTACK\t-\tVERB\tattaquer\n"])
    with pytest.raises(ValueError, match="unknown condition"):
        parse_lexicon(["ASSAULT\t-\tVERB\tattaquer\twho=X\n"])


@pytest.mark.parametrize(
    "etype,mode,code,root,quad",
    [
        ("ASSAULT", "drone", "195", "19", 4),  # employ aerial weapons
        ("ASSAULT", "targeted", "186", "18", 4),  # assassinate
        ("REQUEST", "yield", "105", "10", 3),
        ("CONSULT", None, "040", "04", 1),
        ("RETREAT", "withdraw", "0874", "08", 2),
        ("SANCTION", "discontinue", "162", "16", 4),
        ("CONCEDE", "intent-retreat", "0356", "03", 1),  # announced future withdrawal
        ("THREATEN", "restrict", "1312", "13", 3),
        ("PROTEST", "demo", "141", "14", 4),
    ],
)
def test_cameo_codes_and_quad_classes(etype, mode, code, root, quad):
    assert cameo_for(etype, mode) == (code, root, quad)


def test_quad_class_follows_gdelt_root_code_ranges():
    assert [quad_class(f"{r:02d}") for r in (1, 5, 6, 8, 9, 13, 14, 20)] == [1, 1, 2, 2, 3, 3, 4, 4]
    assert quad_class("21") is None and quad_class("xx") is None


def test_table_has_a_default_row_for_every_type():
    table = load_table()
    for etype in PLOVER_TYPES:
        assert (etype, None) in table, etype


def test_only_manual_modes_reach_the_record():
    assert plover_mode("ASSAULT", "drone") == "drone"
    assert plover_mode("ASSAULT", "fight") is None
    assert plover_mode("SANCTION", "sanctions") == "discontinue"
    assert plover_mode("CONCEDE", "intent-retreat") is None
    for etype, modes in PLOVER_MODES.items():
        assert etype in PLOVER_TYPES
        for m in modes:
            assert plover_mode(etype, m) == m


def test_modality_priorities():
    assert modality_of(Frames(negated=True, planned=True)) == "negated"
    assert modality_of(Frames(hypothetical=True, planned=True)) == "hypothetical"
    assert modality_of(Frames(planned=True)) == "planned"
    assert modality_of(Frames(conditional_past=True)) == "claimed"
    assert modality_of(Frames()) == "asserted"


def _ev(etype, actors, text, start, modality="asserted", recipients=(), trigger="x", confidence=0.6):
    return Event(
        type=etype, actors=list(actors), recipients=list(recipients), modality=modality,
        evidence=Span(start=start, end=start + len(text), text=text),
        trigger=Span(start=start, end=start + len(trigger), text=trigger), confidence=confidence,
    )


def test_the_same_event_twice_is_merged_with_both_evidences():
    a = _ev("RETREAT", ["France"], "La France annonce ne pas retirer ses soldats", 0, "negated", confidence=0.6)
    b = _ev("RETREAT", ["France"], "le pays n'avait pas l'intention de rappeler ses 160 soldats", 100, "negated",
            confidence=0.7)
    merged = merge_events([a, b])
    assert len(merged) == 1
    assert merged[0].evidence.start == 100  # the better-supported statement stays the evidence
    assert [s.start for s in merged[0].more_evidence] == [0]


def test_merging_never_mixes_negated_or_hypothetical_with_asserted():
    a = _ev("RETREAT", ["United States"], "les Etats-Unis ont retiré leurs troupes", 0)
    b = _ev("RETREAT", ["United States"], "un retrait devait avoir lieu", 100, "hypothetical")
    c = _ev("RETREAT", ["United States"], "ils ne se retirent pas", 200, "negated")
    assert len(merge_events([a, b, c])) == 3


def test_claimed_and_asserted_statements_of_one_fact_merge_as_asserted():
    a = _ev("ASSAULT", ["United States"], "Soleimani a été tué par une frappe américaine", 0,
            recipients=["Qassem Soleimani"], confidence=0.9)
    b = _ev("ASSAULT", ["United States"], "la décision d'éliminer Soleimani", 100, "planned",
            recipients=["Qassem Soleimani"])
    b.reported_by = ["Jens Stoltenberg"]
    merged = merge_events([a, b])
    assert len(merged) == 1 and merged[0].modality == "asserted"
    assert merged[0].confirmed_by == ["Jens Stoltenberg"]


def test_different_requests_by_one_actor_stay_apart():
    a = _ev("REQUEST", ["Donald Trump"], "a demandé d'indemniser", 0, trigger="demandé")
    b = _ev("REQUEST", ["Donald Trump"], "a suggéré aux alliés de revenir", 100, trigger="suggéré")
    assert len(merge_events([a, b])) == 2


def test_event_dates_keep_the_calendar_part_of_time_values():
    from veille.nlp.events.when import _clean

    assert [_clean(v) for v in ("2020-06-10TEV", "PAST_REF", "2020-W22", "2020-01", None)] == [
        "2020-06-10", None, "2020-W22", "2020-01", None]


def test_groups_table_loads_and_names_protesters():
    from veille.nlp.events.groups import GENERIC_PROTESTERS, load_groups

    groups = load_groups()
    labels = {g.label for g in groups}
    assert GENERIC_PROTESTERS <= labels
    police = [g for g in groups if "police" in g.heads]
    assert police and police[0].bodies.get("FR") == "National Police"


def test_negative_conditions_parse():
    lex = parse_lexicon(["CONSULT\t-\tVERB\tprendre\tobl:à=MEETING noclitic=en nosubj=MEDIA\n"])
    (trig,) = lex.verbs["prendre"]
    kinds = [atom.kind for group in trig.conditions for atom in group]
    assert kinds == ["obl", "noclitic", "nosubj"]
