"""URL validity as the WHATWG URL parser (JavaScript's `new URL()`) judges it.

Zod's `.url()` and Dexto's URL refinements accept exactly what `new URL(s)`
accepts without a base: a scheme is required, special schemes (http, https,
ws, wss, ftp) need a valid host, and any other scheme takes almost anything,
so `localhost:4000` is a URL with scheme `localhost:`.
"""

from __future__ import annotations

import ipaddress
import re

_SCHEME_RE = re.compile(r"\A[A-Za-z][A-Za-z0-9+.\-]*:")
_SPECIAL_SCHEMES = frozenset({"http", "https", "ws", "wss", "ftp"})
_FORBIDDEN_HOST = frozenset("\x00\t\n\r #/:<>?@[\\]^|")
_FORBIDDEN_DOMAIN = _FORBIDDEN_HOST | frozenset(chr(c) for c in range(0x20)) | {"%", "\x7f"}
_MAX_PORT = 65535


def is_valid_url(text: str) -> bool:
    """True when `new URL(text)` would not throw."""
    text = text.strip("".join(chr(c) for c in range(0x21)))
    text = text.replace("\t", "").replace("\n", "").replace("\r", "")
    match = _SCHEME_RE.match(text)
    if match is None:
        return False
    scheme = match.group(0)[:-1].lower()
    rest = text[match.end() :]
    if scheme == "file":
        return True
    if scheme in _SPECIAL_SCHEMES:
        return _valid_authority(rest.lstrip("/\\"), special=True)
    if rest.startswith("//"):
        return _valid_authority(rest[2:], special=False)
    return True


def _valid_authority(rest: str, *, special: bool) -> bool:
    ends = "/?#\\" if special else "/?#"
    end = min((i for i in (rest.find(c) for c in ends) if i >= 0), default=len(rest))
    authority = rest[:end]
    at = authority.rfind("@")
    if at >= 0:
        authority = authority[at + 1 :]
        if authority == "":
            return False
    host, port = _split_port(authority)
    if port is None or (port and (not port.isascii() or not port.isdigit())):
        return False
    if port and int(port) > _MAX_PORT:
        return False
    if host.startswith("["):
        return host.endswith("]") and _valid_ipv6(host[1:-1])
    if special:
        return host != "" and _valid_domain(host)
    return not any(c in _FORBIDDEN_HOST for c in host)


def _split_port(authority: str) -> tuple[str, str | None]:
    """Host and port text; port None when the authority is malformed around brackets."""
    if authority.startswith("["):
        close = authority.find("]")
        if close < 0:
            return authority, None
        host, tail = authority[: close + 1], authority[close + 1 :]
        if tail == "":
            return host, ""
        return (host, tail[1:]) if tail.startswith(":") else (host, None)
    colon = authority.find(":")
    if colon < 0:
        return authority, ""
    return authority[:colon], authority[colon + 1 :]


def _valid_ipv6(text: str) -> bool:
    if "%" in text:
        return False
    try:
        ipaddress.IPv6Address(text)
    except ValueError:
        return False
    return True


def _valid_domain(host: str) -> bool:
    domain = _percent_decode(host)
    if domain is None:
        return False
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            return False
    domain = domain.lower()
    if any(c in _FORBIDDEN_DOMAIN for c in domain):
        return False
    if _ends_in_number(domain):
        return _valid_ipv4(domain)
    return True


def _percent_decode(text: str) -> str | None:
    raw = bytearray()
    index = 0
    data = text.encode("utf-8")
    while index < len(data):
        byte = data[index]
        hex_pair = data[index + 1 : index + 3]
        if (
            byte == 0x25
            and len(hex_pair) == 2
            and all(chr(b) in "0123456789abcdefABCDEF" for b in hex_pair)
        ):
            raw.append(int(hex_pair, 16))
            index += 3
        else:
            raw.append(byte)
            index += 1
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _ipv4_parts(domain: str) -> list[str]:
    parts = domain.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    return parts


def _ends_in_number(domain: str) -> bool:
    last = _ipv4_parts(domain)[-1]
    if last != "" and last.isascii() and last.isdigit():
        return True
    return _ipv4_number(last) is not None


def _ipv4_number(part: str) -> int | None:
    if part == "":
        return None
    radix = 10
    if part[:2] in ("0x", "0X"):
        part, radix = part[2:], 16
    elif len(part) > 1 and part.startswith("0"):
        part, radix = part[1:], 8
    if part == "":
        return 0
    digits = {10: "0123456789", 16: "0123456789abcdefABCDEF", 8: "01234567"}[radix]
    if not all(c in digits for c in part):
        return None
    return int(part, radix)


def _valid_ipv4(domain: str) -> bool:
    parts = _ipv4_parts(domain)
    if len(parts) > 4:
        return False
    numbers = [_ipv4_number(part) for part in parts]
    if any(number is None for number in numbers):
        return False
    values = [number for number in numbers if number is not None]
    if any(value > 255 for value in values[:-1]):
        return False
    return bool(values[-1] < 256 ** (5 - len(values)))
