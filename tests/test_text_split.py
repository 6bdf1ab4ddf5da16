import random

from bot.core.text import split_message


def test_short_text_is_one_part():
    assert split_message("hello") == ["hello"]


def test_splits_on_sentences_within_limit():
    text = " ".join(f"Sentence number {i} is here." for i in range(200))
    parts = split_message(text)
    assert len(parts) > 1
    assert all(len(p) <= 2000 for p in parts)
    assert all(p.rstrip().endswith(".") for p in parts)
    assert " ".join(parts).split() == text.split()


def test_code_blocks_are_never_left_open():
    code = "\n".join(f"    value_{i} = compute({i})" for i in range(250))
    text = "Here you go:\n```python\n" + code + "\n```\nThat's all."
    parts = split_message(text)
    assert len(parts) > 1
    for p in parts:
        assert len(p) <= 2000
        assert p.count("```") % 2 == 0
    assert parts[1].startswith("```python")


def test_random_texts_respect_limit_and_lose_nothing():
    rng = random.Random(7)
    words = ["love", "the", "a", "**bold**", "\n", "\n\n", "sentence.", "why?", "x" * 30]
    for _ in range(50):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(100, 1500)))
        parts = split_message(text)
        assert all(0 < len(p) <= 2000 for p in parts)
        assert "".join("".join(parts).split()) == "".join(text.split())


def test_unbreakable_text_is_cut_hard():
    parts = split_message("x" * 4500)
    assert [len(p) for p in parts] == [1996, 1996, 508]
