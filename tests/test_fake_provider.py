"""The fake OpenAI provider, exercised through the real ``openai.AsyncOpenAI`` client."""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections.abc import AsyncIterator

import numpy as np
import openai
import pytest
import pytest_asyncio

from bot.testing.openai_fake import FakeProvider  # fake_provider: registered in conftest
from bot.testing.provider import hashed_embedding

MODEL = "os1-test-model"
USER = [{"role": "user", "content": "I had a long day at the bakery"}]


def make_client(fake: FakeProvider, **kwargs: object) -> openai.AsyncOpenAI:
    options: dict[str, object] = {"max_retries": 0, "timeout": 5.0}
    options.update(kwargs)
    return openai.AsyncOpenAI(base_url=fake.base_url, api_key="test", **options)  # type: ignore[arg-type]


@pytest_asyncio.fixture
async def client(fake_provider: FakeProvider) -> AsyncIterator[openai.AsyncOpenAI]:
    # strict validation: every response must parse into the client's pydantic models
    async with make_client(fake_provider, _strict_response_validation=True) as c:
        yield c


async def collect(stream: openai.AsyncStream) -> tuple[list[str], list]:  # type: ignore[type-arg]
    pieces, chunks = [], []
    async for chunk in stream:
        chunks.append(chunk)
        if chunk.choices and chunk.choices[0].delta.content:
            pieces.append(chunk.choices[0].delta.content)
    return pieces, chunks


def cosine(a: list[float], b: list[float]) -> float:
    return float(np.dot(a, b))


# ------------------------------------------------------------------ chat


async def test_streaming_chat_yields_scripted_reply_in_chunks(fake_provider, client):
    fake_provider.on_chat("bakery", "Flour on your sleeves again? Tell me everything.")
    stream = await client.chat.completions.create(model=MODEL, messages=USER, stream=True)
    pieces, chunks = await collect(stream)
    assert "".join(pieces) == "Flour on your sleeves again? Tell me everything."
    assert len(pieces) == 8  # one chunk per word
    assert chunks[0].choices[0].delta.role == "assistant"
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert all(c.object == "chat.completion.chunk" and c.model == MODEL for c in chunks)
    (body,) = fake_provider.chat_requests()
    assert body["messages"] == USER and body["stream"] is True
    assert fake_provider.requests[0].headers["authorization"] == "Bearer ***"


async def test_stream_usage_chunk_and_chunk_delay(fake_provider, client):
    fake_provider.stream_chunk_delay = 0.02
    fake_provider.on_chat(None, "one two three four")
    started = time.monotonic()
    stream = await client.chat.completions.create(
        model=MODEL, messages=USER, stream=True, stream_options={"include_usage": True}
    )
    pieces, chunks = await collect(stream)
    assert time.monotonic() - started >= 0.02 * 5  # six chunks, five gaps
    assert pieces == ["one ", "two ", "three ", "four"]
    last = chunks[-1]
    assert last.choices == [] and last.usage is not None
    assert last.usage.completion_tokens == 4 and last.usage.total_tokens > 4
    assert all(c.usage is None for c in chunks[:-1])


async def test_non_stream_completion_and_default_echo(fake_provider, client):
    completion = await client.chat.completions.create(model=MODEL, messages=USER)
    choice = completion.choices[0]
    assert choice.message.content == "I hear you: I had a long day at the bakery"
    assert choice.finish_reason == "stop" and choice.message.role == "assistant"
    assert completion.usage is not None and completion.usage.completion_tokens == 11
    fake_provider.default_reply(lambda body: f"{len(body['messages'])} messages")
    completion = await client.chat.completions.create(model=MODEL, messages=USER * 2)
    assert completion.choices[0].message.content == "2 messages"


async def test_rules_first_match_wins_and_times_run_out(fake_provider, client):
    async def slow_reply(body: dict) -> str:
        await asyncio.sleep(0)
        return "async rule"

    once = fake_provider.on_chat("bakery", "first", times=1)
    fake_provider.on_chat("bakery", "second", times=2)
    fake_provider.on_chat(lambda body: body.get("temperature") == 0.5, slow_reply)
    replies = []
    for _ in range(4):
        completion = await client.chat.completions.create(model=MODEL, messages=USER)
        replies.append(completion.choices[0].message.content)
    assert replies == ["first", "second", "second", "I hear you: I had a long day at the bakery"]
    assert once.hits == 1 and once.exhausted
    completion = await client.chat.completions.create(model=MODEL, messages=USER, temperature=0.5)
    assert completion.choices[0].message.content == "async rule"


async def test_max_tokens_truncates_with_length(fake_provider, client):
    fake_provider.on_chat(None, "a b c d e f")
    completion = await client.chat.completions.create(
        model=MODEL, messages=USER, max_completion_tokens=3
    )
    assert completion.choices[0].message.content == "a b c "
    assert completion.choices[0].finish_reason == "length"


async def test_json_mode(fake_provider, client):
    messages = [{"role": "user", "content": "Reply in JSON please"}]
    completion = await client.chat.completions.create(
        model=MODEL, messages=messages, response_format={"type": "json_object"}
    )
    assert json.loads(completion.choices[0].message.content or "") == {
        "reply": "I hear you: Reply in JSON please"
    }
    with pytest.raises(openai.BadRequestError) as err:  # the real API insists on the word
        await client.chat.completions.create(
            model=MODEL, messages=USER, response_format={"type": "json_object"}
        )
    assert err.value.param == "messages"


async def test_unknown_model_is_404_model_not_found(fake_provider, client):
    with pytest.raises(openai.NotFoundError) as err:
        await client.chat.completions.create(model="gpt-nope", messages=USER)
    assert err.value.code == "model_not_found" and "gpt-nope" in err.value.message
    assert fake_provider.requests[-1].status == 404


async def test_api_key_is_checked_when_configured():
    async with FakeProvider(api_key="sekrit") as fake, make_client(fake) as c:
        with pytest.raises(openai.AuthenticationError) as err:
            await c.models.list()
        assert err.value.code == "invalid_api_key"


# ------------------------------------------------------------------ embeddings, moderation, models


async def test_embeddings_float_and_base64_are_the_same_similar_texts_closer(fake_provider):
    texts = [
        "My sister Maya is moving to Lisbon in June",
        "Maya, my sister, moves to Lisbon this June",
        "The quarterly tax forms are due on Friday",
    ]
    async with make_client(fake_provider) as c:
        as_float = await c.embeddings.create(model="emb", input=texts, encoding_format="float")
        default = await c.embeddings.create(model="emb", input=texts)  # client asks for base64
    assert fake_provider.requests[-1].json["encoding_format"] == "base64"
    vecs = [d.embedding for d in as_float.data]
    assert [d.index for d in as_float.data] == [0, 1, 2]
    assert len(vecs[0]) == 384 and math.isclose(float(np.linalg.norm(vecs[0])), 1.0, rel_tol=1e-5)
    for a, b in zip(vecs, (d.embedding for d in default.data), strict=True):
        assert np.allclose(a, b, atol=1e-7)
    assert cosine(vecs[0], vecs[1]) > 0.5
    assert cosine(vecs[0], vecs[2]) < 0.2
    assert np.allclose(vecs[0], hashed_embedding(texts[0]), atol=1e-7)
    assert np.allclose(vecs[0], fake_provider.embed(texts[0]), atol=1e-7)


async def test_embeddings_dimensions_and_bad_input(fake_provider):
    async with make_client(fake_provider) as c:
        small = await c.embeddings.create(model="emb", input="hello", dimensions=64)
        assert len(small.data[0].embedding) == 64
        with pytest.raises(openai.BadRequestError):
            await c.embeddings.create(model="emb", input="")


async def test_moderation_flags_self_harm_and_can_be_scripted(fake_provider, client):
    result = await client.moderations.create(
        model="omni-moderation-latest",
        input=["I want to end my life", "what a lovely morning"],
    )
    risky, clean = result.results
    assert risky.flagged and risky.categories.self_harm and risky.categories.self_harm_intent
    assert not risky.categories.self_harm_instructions and not risky.categories.violence
    assert risky.category_scores.self_harm > 0.5 > risky.category_scores.hate
    assert risky.category_applied_input_types.self_harm == ["text"]
    assert not clean.flagged and not any(clean.categories.model_dump().values())

    fake_provider.script_moderation("lovely", ["violence", "self-harm/instructions"], times=1)
    again = await client.moderations.create(input="what a lovely morning")
    assert again.results[0].categories.violence and again.results[0].flagged
    assert not (await client.moderations.create(input="lovely")).results[0].flagged
    with pytest.raises(ValueError):
        fake_provider.script_moderation("x", ["self_harm"])  # typo: underscores


async def test_models_list_and_retrieve():
    async with FakeProvider(models=("os1-a", "os1-b")) as fake, make_client(fake) as c:
        assert [m.id async for m in c.models.list()] == ["os1-a", "os1-b"]
        assert (await c.models.retrieve("os1-b")).owned_by == "os1-fake"
        with pytest.raises(openai.NotFoundError):
            await c.models.retrieve("os1-c")


# ------------------------------------------------------------------ faults


@pytest.mark.parametrize(
    ("fault", "error"), [("429", openai.RateLimitError), ("500", openai.InternalServerError)]
)
async def test_status_faults_raise_then_client_retries(fake_provider, fault, error):
    fake_provider.inject(fault, seconds=0.01)
    async with make_client(fake_provider) as c:
        with pytest.raises(error) as err:
            await c.chat.completions.create(model=MODEL, messages=USER)
        if fault == "429":
            assert err.value.code == "rate_limit_exceeded"
            assert err.value.response.headers["retry-after"] == "0.01"
        fake_provider.inject(fault, seconds=0.01, count=2)
        completion = await c.with_options(max_retries=2).chat.completions.create(
            model=MODEL, messages=USER
        )
    assert completion.choices[0].message.content.startswith("I hear you")
    retries = [r.headers["x-stainless-retry-count"] for r in fake_provider.requests[-3:]]
    assert retries == ["0", "1", "2"]
    assert [r.fault for r in fake_provider.requests] == [fault, fault, fault, None]


async def test_x_should_retry_false_stops_client_retries(fake_provider):
    fake_provider.inject("500", should_retry=False)
    async with make_client(fake_provider, max_retries=3) as c:
        with pytest.raises(openai.InternalServerError):
            await c.chat.completions.create(model=MODEL, messages=USER)
    assert len(fake_provider.requests) == 1


async def test_faults_target_their_path_only(fake_provider, client):
    fake_provider.inject("500", path="/embeddings")  # same as /v1/embeddings
    await client.chat.completions.create(model=MODEL, messages=USER)
    with pytest.raises(openai.InternalServerError):
        await client.embeddings.create(model="emb", input="hi", encoding_format="float")
    assert [r.status for r in fake_provider.requests] == [200, 500]


async def test_latency_fault_and_base_latency(fake_provider, client):
    fake_provider.inject("latency", seconds=0.15)
    started = time.monotonic()
    await client.chat.completions.create(model=MODEL, messages=USER)
    assert time.monotonic() - started >= 0.15
    fake_provider.latency = 0.1
    started = time.monotonic()
    await client.chat.completions.create(model=MODEL, messages=USER)
    assert 0.1 <= time.monotonic() - started < 0.15 + 0.5


async def test_timeout_raises_api_timeout_error(fake_provider):
    fake_provider.inject("timeout")
    async with make_client(fake_provider, timeout=0.2) as c:
        with pytest.raises(openai.APITimeoutError):
            await c.chat.completions.create(model=MODEL, messages=USER)
        await asyncio.sleep(0.05)  # the server notices the client went away
        assert fake_provider.in_flight == 0
        completion = await c.chat.completions.create(model=MODEL, messages=USER)
    assert completion.choices[0].finish_reason == "stop"


async def test_broken_stream_errors_mid_iteration(fake_provider, client):
    fake_provider.on_chat(None, "one two three four five six")
    fake_provider.inject("broken_stream")
    stream = await client.chat.completions.create(model=MODEL, messages=USER, stream=True)
    received = []
    with pytest.raises(openai.APIConnectionError):
        async for chunk in stream:
            received.append(chunk.choices[0].delta.content)
    assert received == ["", "one ", "two "]
    fake_provider.inject("broken_stream")
    with pytest.raises(openai.APIConnectionError):  # non-stream: half a body, then EOF
        await client.chat.completions.create(model=MODEL, messages=USER)
    assert fake_provider.requests[-1].status is None


async def test_malformed_json_raises_value_error(fake_provider, client):
    # the openai client does not wrap invalid JSON: json.JSONDecodeError escapes as is
    fake_provider.inject("malformed", count=2)
    with pytest.raises(ValueError):
        await client.chat.completions.create(model=MODEL, messages=USER)
    stream = await client.chat.completions.create(model=MODEL, messages=USER, stream=True)
    with pytest.raises(ValueError):
        await collect(stream)


async def test_close_with_hanging_request_in_flight_is_clean_and_fast():
    fake = await FakeProvider().start()
    fake.inject("timeout")
    fake.stream_chunk_delay = 30.0
    async with make_client(fake, timeout=30.0) as c:
        hanging = asyncio.create_task(c.chat.completions.create(model=MODEL, messages=USER))
        await fake.wait_for_requests(1)
        stream = await c.chat.completions.create(model=MODEL, messages=USER, stream=True)
        await fake.wait_for_requests(2)
        assert fake.in_flight == 2 and fake.peak_in_flight == 2
        started = time.monotonic()
        await fake.close()
        assert time.monotonic() - started < 1.0
        with pytest.raises(openai.APIConnectionError):
            await hanging
        with pytest.raises(openai.APIConnectionError):
            await collect(stream)
    await fake.close()  # idempotent
    with pytest.raises(RuntimeError):
        _ = FakeProvider().base_url


async def test_reset_forgets_script_and_records(fake_provider, client):
    fake_provider.on_chat(None, "scripted")
    fake_provider.inject("500")
    fake_provider.reset()
    completion = await client.chat.completions.create(model=MODEL, messages=USER)
    assert completion.choices[0].message.content.startswith("I hear you")
    assert len(fake_provider.requests) == 1
