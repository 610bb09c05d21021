"""The CTI functions of Grandstream phones, as the guide describes them."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from .exceptions import (
    GrandstreamAuthenticationError,
    GrandstreamClickToDialError,
    GrandstreamCommandError,
    GrandstreamDroppedError,
    GrandstreamNotSupportedError,
    GrandstreamResponseError,
    GrandstreamValidationError,
)
from .identity import MODEL_DEFINE_PATH, family_of_model, parse_model_definition
from .models import (
    AccountStatus,
    DialMethod,
    Family,
    HandsetOperation,
    HandsetStatus,
    LineStatus,
    ModelDefinition,
    PhoneIdentity,
    PhoneOperation,
    PhoneStatus,
    SipAccount,
)
from .parsing import (
    decode_answer,
    parse_account_status,
    parse_accounts,
    parse_handset_line_status,
    parse_handset_status,
    parse_line_status,
    parse_phone_status,
)
from .transport import CtiTransport
from .validation import (
    DP_ACCOUNTS,
    DP_LINES,
    GRP_ACCOUNTS,
    GRP_LINES,
    GXP_LINES,
    HANDSETS,
    check_in,
    parse_keys,
    parse_number,
)

_DP_KEY_NAMES = {"#": "HASH", "*": "STAR"}
_GXP_KEY_NAMES = {"HASH": "#", "STAR": "*"}
_HANDSET_OPERATIONS = frozenset(HandsetOperation)


def _phone_operation(operation: str) -> PhoneOperation:
    """The PhoneOperation named operation; anything else is refused here."""
    try:
        return PhoneOperation(operation)
    except ValueError:
        raise GrandstreamValidationError(f"Unknown operation: {operation!r}") from None


class GrandstreamClient(CtiTransport):
    """Talks to one phone in its CTI dialect."""

    async def model_definition(self) -> ModelDefinition | None:
        """The model the phone names without a login; None where it names none.

        A phone without the file (404), one that wants a login for it, or one
        that answers anything else than a model's definition names none. A
        phone that cannot be reached raises, as any request does.
        """
        try:
            body = await self._fetch(
                "model.define.js", self.page_url(MODEL_DEFINE_PATH), command=False
            )
            return parse_model_definition(decode_answer(body))
        except (
            GrandstreamAuthenticationError,
            GrandstreamNotSupportedError,
            GrandstreamResponseError,
        ):
            return None

    async def identify(self) -> PhoneIdentity:
        """Which phone this is, checking the passcode with one status read.

        The model comes from model.define.js, which costs no login attempt,
        and its family from the model. Without the file, or for a model of no
        family known, the CTI answers tell the family as detect_family does
        (a GRP then answers as a GXP).
        """
        definition = await self.model_definition()
        model = definition.model if definition else None
        family = family_of_model(model) if model else None
        if family is None:
            family = await self.detect_family()
        elif family.has_handsets:
            await self.handset_status(1)
        else:
            await self.phone_status()
        return PhoneIdentity(family=family, model=model)

    async def detect_family(self) -> Family:
        """Ask the phone which CTI dialect it speaks.

        Only GXP phones know api-get_phone_status; a DP base answers it as an
        unknown page, then proves itself with api-get_hs_status. A refused
        passcode stops here at once: firmware locks the account after a few.
        """
        try:
            await self.phone_status()
        except GrandstreamNotSupportedError:
            await self.handset_status(1)
            return Family.DP
        return Family.GXP

    # Functions of GXP phones

    async def line_status(self) -> tuple[LineStatus, ...]:
        """Every line of a GXP phone (api-get_line_status)."""
        return await self._read(
            "api-get_line_status", {}, parse_line_status, at_every_poll=True
        )

    async def phone_status(self) -> PhoneStatus:
        """Whether a GXP phone is available or busy (api-get_phone_status)."""
        # At every poll while the phone is busy.
        return await self._read(
            "api-get_phone_status", {}, parse_phone_status, at_every_poll=True
        )

    async def accounts(self) -> tuple[SipAccount, ...]:
        """SIP accounts, on firmware that has api-get_accounts."""
        return await self._read("api-get_accounts", {}, parse_accounts)

    async def phone_operation(self, operation: PhoneOperation) -> None:
        """A call operation on a GXP phone (api-phone_operation).

        The guide's api-phone_operation has no unholdcall: it is refused here,
        and resume_line resumes a held call instead.
        """
        command = _phone_operation(operation)
        if command is PhoneOperation.UNHOLD_CALL:
            raise GrandstreamValidationError(
                "api-phone_operation has no unholdcall: resume the held line"
            )
        await self._command("api-phone_operation", {"cmd": command.value})

    async def resume_line(self, line: int) -> None:
        """Resume the held call on a line of a GXP phone: press its line key.

        The guide gives GXP phones no unholdcall; its LINE1-LINE8 keys select
        a line, which is what a person presses to take its call off hold.
        """
        check_in(line, GXP_LINES, "Line")
        await self.send_keys([f"LINE{line}"])

    async def unhold_line(self, line: int) -> None:
        """Resume the held call on a line of a GRP phone.

        As Grandstream's own GRP code does (vendor code in lineup.md):
        api-phone_operation with cmd=unhold and the line as arg. Its CTI guide
        lists the GXP's commands, whose unholdcall it does not name.
        """
        check_in(line, GRP_LINES, "Line")
        await self._command("api-phone_operation", {"cmd": "unhold", "arg": line})

    # Functions of DP750/DP752 bases

    async def account_status(self, account: int) -> AccountStatus:
        """One account of a DP base (api-get_account_status)."""
        check_in(account, DP_ACCOUNTS, "Account")
        return await self._read(
            "api-get_account_status",
            {"account": account},
            partial(parse_account_status, account=account),
        )

    async def handset_status(self, handset: int) -> HandsetStatus:
        """One handset slot of a DP base (api-get_hs_status)."""
        check_in(handset, HANDSETS, "Handset")
        return await self._read(
            "api-get_hs_status",
            {"hs": handset},
            partial(parse_handset_status, handset=handset),
        )

    async def handset_line_status(self, handset: int) -> tuple[LineStatus, ...]:
        """The lines of one DP handset (api-get_hs_line_status)."""
        check_in(handset, HANDSETS, "Handset")
        return await self._read(
            "api-get_hs_line_status",
            {"hs": handset},
            partial(parse_handset_line_status, handset=handset),
            at_every_poll=True,
        )

    async def device_operation(
        self,
        operation: PhoneOperation | HandsetOperation,
        handset: int,
        line: int | None = None,
    ) -> None:
        """A call or handset operation on a DP handset (api-device_operation).

        Handset-wide operations (mute, speaker, DND) take no line.
        """
        check_in(handset, HANDSETS, "Handset")
        params: dict[str, str | int] = {"hs": handset}
        if operation in _HANDSET_OPERATIONS:
            if line is not None:
                raise GrandstreamValidationError(f"{operation} takes no line")
            command = HandsetOperation(operation).value
        else:
            command = _phone_operation(operation).value
            if line is not None:
                params["line"] = check_in(line, DP_LINES, "Line")
        params["cmd"] = command
        await self._command("api-device_operation", params)

    # Functions of all models

    async def make_call(
        self, number: str, handset: int | None = None, *, account: int | None = None
    ) -> DialMethod:
        """Dial number, from a DP handset when handset is given; say how.

        account (a GRP's, numbered as api-get_accounts' id) picks the account
        to dial on: the GRP counts it from 0 in api-make_call (vendor code).
        A GXP or GRP phone dials through api-make_call only with Click-To-Dial
        enabled; when it refuses, the number is dialled with keys and SEND
        instead. That is no retry: a refused command did nothing on the phone.
        A `+` has no key, and keys dial on the phone's default account:
        GrandstreamClickToDialError. When the keys are refused too, the error
        is make_call's: it is what was asked for, and what to fix.
        """
        dial = parse_number(number)
        params: dict[str, str | int] = {"phonenumber": dial}
        if handset is not None:
            check_in(handset, HANDSETS, "Handset")
            if account is not None:
                raise GrandstreamValidationError("A handset dials on its own account")
            await self._command("api-make_call", {"hs": handset, **params})
            return DialMethod.MAKE_CALL
        if account is not None:
            params["account"] = check_in(account, GRP_ACCOUNTS, "Account") - 1
        try:
            await self._command("api-make_call", params)
        except (GrandstreamCommandError, GrandstreamNotSupportedError) as err:
            refusal = err
        else:
            return DialMethod.MAKE_CALL
        if dial.startswith("+"):
            raise GrandstreamClickToDialError(f"{refusal}, and + has no key")
        if account is not None:
            raise GrandstreamClickToDialError(
                f"{refusal}, and keys dial on the default account"
            )
        try:
            await self.send_keys([*dial, "SEND"])
        except GrandstreamCommandError, GrandstreamNotSupportedError:
            raise refusal from None
        return DialMethod.KEYS

    async def send_keys(
        self, keys: str | Iterable[str], handset: int | None = None
    ) -> None:
        """Press keys (api-send_key), on a DP handset when handset is given."""
        parsed = parse_keys(keys)
        params: dict[str, str | int] = {}
        if handset is not None:
            params["hs"] = check_in(handset, HANDSETS, "Handset")
            # DP firmware wants # and * spelled out.
            parsed = [_DP_KEY_NAMES.get(key, key) for key in parsed]
        else:
            parsed = [_GXP_KEY_NAMES.get(key, key) for key in parsed]
        params["keys"] = ":".join(parsed)
        await self._command("api-send_key", params)

    async def reboot(self) -> None:
        """Reboot the phone (api-sys_operation REBOOT).

        The phone answers "savereboot" (a DP750 "directreboot"), or restarts
        before its answer is out and drops the connection (peer, lineup.md):
        a request that reached the phone and was dropped unanswered is a
        reboot under way, not a failed one. A phone that could not be reached,
        or kept silent, did not reboot.
        """
        try:
            await self._command("api-sys_operation", {"request": "REBOOT"})
        except GrandstreamDroppedError:
            return

    async def factory_reset(self) -> None:
        """Reset the phone to factory settings (api-sys_operation RESET)."""
        await self._command("api-sys_operation", {"request": "RESET"})
