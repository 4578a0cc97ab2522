"""Reading TimeML files and scoring the time layer on the FR-TimeBank dev half."""

from __future__ import annotations

from pathlib import Path

import pytest

from veille.eval.timeml import GoldTime, TimeMLDoc, read_timeml, score_documents, score_timeml
from veille.models import TimeExpr

DEV = Path(__file__).resolve().parents[2] / "shared" / "gold" / "fr-timebank-dev"


def test_read_timeml_offsets_point_at_the_gold_words():
    docs = [read_timeml(p) for p in sorted(DEV.glob("*.tml"))]
    assert len(docs) >= 50
    first = read_timeml(DEV / "1999-05-17-0121.tml")
    assert first.dct == "1999-05-17"
    assert [(t.text, t.type, t.value) for t in first.times] == [("30,4 secondes", "DURATION", "PT30.4S")]
    assert "<" not in first.text and "Schumacher" in first.text
    total = 0
    for doc in docs:
        for t in doc.times:
            assert doc.text[t.start:t.end] == t.text and t.text.strip()
            total += 1
    assert total >= 170


def test_read_timeml_rejects_a_file_without_text(tmp_path: Path):
    bad = tmp_path / "bad.tml"
    bad.write_text("<TimeML><DCT><TIMEX3 value='2020-01-01'/></DCT></TimeML>", encoding="utf-8")
    from veille.errors import VeilleError

    with pytest.raises(VeilleError):
        read_timeml(bad)


def test_score_documents_strict_relaxed_and_values():
    doc = TimeMLDoc("d", "2020-01-07", "Il est venu hier vers 18 h et le 3 janvier.",
                    [GoldTime(12, 16, "hier", "DATE", "2020-01-06"), GoldTime(17, 26, "vers 18 h", "TIME", "2020-01-06T18:00"),
                     GoldTime(30, 42, "le 3 janvier", "DATE", "2020-01-03")])
    system = [TimeExpr(start=12, end=16, text="hier", type="DATE", value="2020-01-06"),
              TimeExpr(start=22, end=26, text="18 h", type="TIME", value="2020-01-06T18:00"),
              TimeExpr(start=33, end=42, text="3 janvier", type="DATE", value="2021-01-03"),
              TimeExpr(start=0, end=2, text="Il", type="DATE", value="X")]
    s = score_documents([(doc, system)])
    assert s["strict"]["recall"] == pytest.approx(1 / 3, abs=1e-3)
    assert s["relaxed"]["recall"] == 1.0 and s["relaxed"]["precision"] == 0.75
    assert s["value_accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert s["date_value_accuracy"] == 0.5
    kinds = sorted(e["kind"] for e in s["errors"])
    assert kinds == ["span", "spurious", "value"]


@pytest.mark.slow
def test_score_timeml_on_fr_timebank_dev(analyzer):
    s = score_timeml(DEV, analyzer)
    # Floors a little under what the layer reaches (relaxed F1 0.957, strict 0.909, date
    # values 0.956); HeidelTime: relaxed F1 0.91, dates 0.84.
    assert s["relaxed"]["f1"] >= 0.95
    assert s["strict"]["f1"] >= 0.90
    assert s["date_value_accuracy"] >= 0.95
    assert s["value_accuracy"] >= 0.92
    assert s["type_accuracy"] >= 0.95
    assert s["counts"]["documents"] >= 50 and s["counts"]["gold"] >= 170
    assert all({"doc", "kind", "context"} <= set(e) for e in s["errors"])
