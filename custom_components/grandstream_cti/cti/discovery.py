"""Tell a CTI phone from the other devices that share its MAC prefixes.

Grandstream access points, ATAs, UCM PBXs and door stations ask DHCP for an
address just like its phones do. A discovered device is asked the status reads
of the CTI API without any passcode: a phone with CTI on answers them with a
CTI answer (a refusal, `{"response": "error", ...}`), other devices with 404,
a web page or nothing.

This rests on an assumption about real firmware that the CTI guide does not
make: that a request carrying no passcode at all is not counted as a failed
login. Newer firmware locks the admin account after 5 failed logins, and a
discovery must not spend one of them.

A phone that refuses with 401 or 403 instead of a CTI answer is not taken for
one: any password-protected web server answers so.
"""

from __future__ import annotations

from collections.abc import Mapping

import aiohttp

from .exceptions import GrandstreamError
from .hosts import split_host
from .http import CLOSE, read_body
from .models import Family
from .parsing import decode_answer, is_success
from .transport import DEFAULT_TIMEOUT, cti_url

# The status read of each family: a DP base answers the GXP one with 404.
_PROBES: tuple[tuple[Family, str, Mapping[str, str]], ...] = (
    (Family.GXP, "api-get_phone_status", {}),
    (Family.DP, "api-get_hs_status", {"hs": "1"}),
)


async def probe_cti(
    session: aiohttp.ClientSession,
    host: str,
    *,
    ssl: bool = False,
    request_timeout: float = DEFAULT_TIMEOUT,
) -> Family | None:
    """The family of the CTI phone at host, None when it does not answer as one.

    The session decides whether an HTTPS phone's certificate is checked.
    """
    name, port = split_host(host)
    timeout = aiohttp.ClientTimeout(total=request_timeout)
    for family, function, query in _PROBES:
        try:
            async with session.get(
                cti_url(name, port, function, query, ssl=ssl),
                timeout=timeout,
                allow_redirects=False,
                headers=CLOSE,
            ) as response:
                status = response.status
                body = await read_body(response)
        except aiohttp.ClientError, TimeoutError, GrandstreamError:
            # Nothing answers there: asking for the other family is no use.
            return None
        if status == 200 and _is_cti_answer(body):
            return family
    return None


def _is_cti_answer(body: bytes) -> bool:
    """Whether body is a CTI answer, positive or negative."""
    try:
        answer = decode_answer(body)
        if not isinstance(answer, dict):
            return False
        # Refuses an object without a `response` of success or error.
        is_success(answer)
    except GrandstreamError:
        return False
    return True
