"""Numbers however they are written: the spellings people use, and fuzzing."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings, strategies as st
import pytest

from custom_components.grandstream_cti.phonebook.numbers import (
    NUMBERING_PLANS,
    NumberingPlan,
    number_key,
    numbering_plan,
    same_number,
)

FUZZ = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@pytest.mark.parametrize(
    ("first", "second", "country"),
    [
        # The spellings of one German number.
        ("+49 30 1234567", "0049301234567", None),
        ("+49 30 1234567", "0049301234567", "DE"),
        ("+49 30 1234567", "030 1234567", "DE"),
        ("+49 30 1234567", "(030) 123-4567", "DE"),
        ("0049301234567", "030/123 45 67", "DE"),
        ("+49 30 1234567", "+49 (0)30 1234567", None),
        ("+49 30 1234567", "tel:+49-30-1234567", None),
        ("+49 30 1234567", "tel:+49-30-1234567;phone-context=example.com", "DE"),
        ("+49 30 1234567", "sip:+49301234567@pbx.example.com;user=phone", None),
        ("+49 30 1234567", "\u202a+49 30 1234567\u202c", None),
        # Written the same way, they match without a country too.
        ("030 1234567", "(030) 123-4567", None),
        # Internal extensions and feature codes: exactly.
        ("201", "201", None),
        ("201", "201", "DE"),
        ("201", "sip:201@192.168.1.10", "DE"),
        ("*97", "*97", None),
        # Other countries of the table.
        ("+1 (202) 555-0123", "(202) 555-0123", "US"),
        ("+1 202 555 0123", "1-202-555-0123", "US"),
        ("+49 30 1234567", "011 49 30 1234567", "US"),
        ("+61 2 1234 5678", "0011 61 2 1234 5678", "AU"),
        ("+61 2 1234 5678", "(02) 1234 5678", "AU"),
        ("+45 12 34 56 78", "12 34 56 78", "DK"),
        ("+36 1 234 5678", "06 1 234 5678", "HU"),
        ("+44 20 7946 0000", "020 7946 0000", "gb"),
        # The trunk 0 written after the country code, in the configured country.
        ("+49 030 1234567", "030 1234567", "DE"),
        ("+49 030 1234567", "+49 30 1234567", "DE"),
        ("0049 (030) 1234567", "030 1234567", "DE"),
        ("+36 06 1 234 5678", "06 1 234 5678", "HU"),
        # An extension, however written, after one spelling of the number.
        ("+49 30 1234567 ext. 12", "030 1234567 x12", "DE"),
        ("+49 30 1234567 ext. 12", "tel:+49-30-1234567;ext=12", None),
        ("+49 30 1234567 Durchwahl 12", "+49 30 1234567, extension 12", None),
    ],
)
def test_spellings_of_one_number_match(first: str, second: str, country: str) -> None:
    plan = numbering_plan(country)
    assert same_number(first, second, plan)
    assert same_number(second, first, plan)


@pytest.mark.parametrize(
    ("first", "second", "country"),
    [
        # Without a country, a national number is not the international one.
        ("+49 30 1234567", "030 1234567", None),
        # An extension is never a number with the country code.
        ("201", "+49 201", "DE"),
        ("201", "0201", "DE"),
        ("201", "2010", None),
        ("1234", "+1 1234", "US"),
        # Another number, another country.
        ("+49 30 1234567", "+49 30 1234568", "DE"),
        ("+49 30 1234567", "030 1234567", "FR"),
        ("+43 1 234567", "01 234567", "DE"),
        # A country not in the table: no national matching.
        ("+39 06 1234567", "06 1234567", "IT"),
        # Italy keeps the 0 after +39; another country's trunk 0 is not ours.
        ("+39 06 1234567", "+39 6 1234567", "DE"),
        ("+43 01 234567", "+43 1 234567", "DE"),
        # With an extension, another number than without, or with another.
        ("+49 30 1234567 ext. 12", "+49 30 1234567", "DE"),
        ("+49 30 1234567 ext. 12", "+49 30 1234567 ext. 13", "DE"),
        # No numbers at all.
        ("Alice", "Alice", None),
        ("", "", "DE"),
        ("+", "+", None),
    ],
)
def test_different_numbers_do_not_match(first: str, second: str, country: str) -> None:
    plan = numbering_plan(country)
    assert not same_number(first, second, plan)
    assert not same_number(second, first, plan)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("+49 30 1234567", "+49301234567"),
        ("030 1234567", "0301234567"),
        # Full-width, as a Japanese or Chinese input method types them.
        (
            "\uff10\uff13\uff10\u3000\uff11\uff12\uff13\uff14\uff15\uff16\uff17",
            "0301234567",
        ),
        ("\uff0b\uff14\uff19 \uff13\uff10 \uff11\uff12\uff13\uff14", "+49301234"),
        ("Alice", None),
        ("1-800-FLOWERS", None),
        ("sip:alice@example.com", None),
        ("", None),
    ],
)
def test_key_without_country(text: str, key: str | None) -> None:
    assert number_key(text) == key


def test_country_not_in_the_table() -> None:
    assert numbering_plan("IT") is None
    assert numbering_plan(None) is None
    assert numbering_plan("de") is NUMBERING_PLANS["DE"]


# Fuzzing

plans = st.sampled_from([None, *NUMBERING_PLANS.values()])
number_like = st.text(alphabet="0123456789+*#()-./ :;@tel(0)", max_size=24)
separators = st.sampled_from(["", " ", "-", ".", "/", "\u00a0"])


@FUZZ
@given(st.one_of(st.text(max_size=40), number_like), plans)
def test_any_text_never_raises_and_keys_are_stable(
    text: str, plan: NumberingPlan | None
) -> None:
    """Normalising is idempotent; nothing a phone or a file holds breaks it."""
    key = number_key(text, plan)
    if key is not None:
        assert number_key(key, plan) == key
    assert isinstance(same_number(text, text[::-1], plan), bool)


@st.composite
def spelled(draw: st.DrawFn, digits: str) -> str:
    """Digits as a person might write them: in groups, with separators."""
    cuts = sorted(draw(st.sets(st.integers(1, max(1, len(digits) - 1)), max_size=4)))
    groups = [
        digits[start:end] for start, end in zip([0, *cuts], [*cuts, None], strict=True)
    ]
    return draw(separators).join(group for group in groups if group)


@st.composite
def numbers_and_spellings(
    draw: st.DrawFn,
) -> tuple[NumberingPlan, str, list[str], list[str]]:
    """A country's number in E.164, and spellings of it that must match it:
    those that need no country, and those read by the country's plan."""
    plan = draw(st.sampled_from(list(NUMBERING_PLANS.values())))
    # A national number never starts with 0 (nor, in North America, with 1).
    first = draw(
        st.sampled_from("23456789" if plan.trunk_prefix == "1" else "123456789")
    )
    length = plan.national_length or draw(st.integers(4, 11))
    national = first + draw(
        st.text("0123456789", min_size=length - 1, max_size=length - 1)
    )
    # No national number starts with the prefix that dials abroad (Japan's 010).
    assume(not (plan.trunk_prefix + national).startswith(plan.international_prefix))
    code = plan.calling_code
    anywhere = [
        f"+{code} {draw(spelled(national))}",
        f"00{code}{draw(separators)}{draw(spelled(national))}",
        f"tel:+{code}-{draw(spelled(national))}",
    ]
    at_home = [f"{plan.international_prefix} {code} {draw(spelled(national))}"]
    if plan.trunk_prefix:
        at_home.append(draw(spelled(plan.trunk_prefix + national)))
        area, rest = national[:2], national[2:]
        at_home.append(f"({plan.trunk_prefix}{area}) {draw(spelled(rest))}")
    if plan.trunk_prefix == "0":
        anywhere.append(f"+{code} (0){draw(spelled(national))}")
    if plan.national_length:
        at_home.append(draw(spelled(national)))
    return plan, f"+{code}{national}", anywhere, at_home


@FUZZ
@given(numbers_and_spellings())
def test_a_number_matches_itself_in_every_spelling(
    case: tuple[NumberingPlan, str, list[str], list[str]],
) -> None:
    plan, e164, anywhere, at_home = case
    for spelling in [*anywhere, *at_home]:
        assert number_key(spelling, plan) == e164, spelling
    for spelling in anywhere:
        assert number_key(spelling) == e164, spelling
