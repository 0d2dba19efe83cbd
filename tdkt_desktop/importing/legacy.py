"""Legacy Vietnamese encodings in old office files: detect TCVN3 (ABC) and VNI text, convert to NFC.

Old spreadsheets typed with .VnTime (TCVN3) or VNI-Times fonts store each Vietnamese letter as one
or two Latin-1 characters ("TiÕng ViÖt" / "Tieáng Vieät"). Excel keeps those characters, so the
cells arrive in Python as ordinary Unicode strings that only look right in the old fonts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

ENCODINGS = {"tcvn3": "TCVN3 (ABC, phông .Vn…)", "vni": "VNI (phông VNI-…)"}

# TCVN3 (TCVN 5712:1993 VN3): one byte per letter. Capitals with tones have no code of their own
# (they were typed with the .VnTimeH capital font), so they come out lower case.
_TCVN3 = {
    "¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ",
    "¨": "ă", "©": "â", "ª": "ê", "«": "ô", "¬": "ơ", "\xad": "ư", "®": "đ",
    "µ": "à", "¶": "ả", "·": "ã", "¸": "á", "¹": "ạ",
    "»": "ằ", "¼": "ẳ", "½": "ẵ", "¾": "ắ", "Æ": "ặ",
    "Ç": "ầ", "È": "ẩ", "É": "ẫ", "Ê": "ấ", "Ë": "ậ",
    "Ì": "è", "Î": "ẻ", "Ï": "ẽ", "Ð": "é", "Ñ": "ẹ",
    "Ò": "ề", "Ó": "ể", "Ô": "ễ", "Õ": "ế", "Ö": "ệ",
    "×": "ì", "Ø": "ỉ", "Ü": "ĩ", "Ý": "í", "Þ": "ị",
    "ß": "ò", "á": "ỏ", "â": "õ", "ã": "ó", "ä": "ọ",
    "å": "ồ", "æ": "ổ", "ç": "ỗ", "è": "ố", "é": "ộ",
    "ê": "ờ", "ë": "ở", "ì": "ỡ", "í": "ớ", "î": "ợ",
    "ï": "ù", "ñ": "ủ", "ò": "ũ", "ó": "ú", "ô": "ụ",
    "õ": "ừ", "ö": "ử", "÷": "ữ", "ø": "ứ", "ù": "ự",
    "ú": "ỳ", "û": "ỷ", "ü": "ỹ", "ý": "ý", "þ": "ỵ",
}
_TCVN3_TABLE = str.maketrans(_TCVN3)

# VNI Windows: a base letter followed by a mark character; a few letters are single characters.
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_HAT = {"â": "\u0302", "á": "\u0302\u0301", "à": "\u0302\u0300", "å": "\u0302\u0309",
            "ã": "\u0302\u0303", "ä": "\u0302\u0323"}
_VNI_BREVE = {"ê": "\u0306", "é": "\u0306\u0301", "è": "\u0306\u0300", "ú": "\u0306\u0309",
              "ü": "\u0306\u0303", "ë": "\u0306\u0323"}
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
               "Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ", "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ"}


def _vni_pairs() -> dict[str, str]:
    pairs: dict[str, str] = {}
    for base in "aeouyAEOUY":
        for mark, comb in _VNI_TONES.items():
            pairs[base + mark] = base + comb
            pairs[base + mark.upper()] = base + comb
        if base in "aeoAEO":
            for mark, comb in _VNI_HAT.items():
                pairs[base + mark] = base + comb
                pairs[base + mark.upper()] = base + comb
        if base in "aA":
            for mark, comb in _VNI_BREVE.items():
                pairs[base + mark] = base + comb
                pairs[base + mark.upper()] = base + comb
    # ơ and ư take tone marks too: "ôù" = ớ, "öø" = ừ.
    for single in "ôöÔÖ":
        for mark, comb in _VNI_TONES.items():
            pairs[single + mark] = _VNI_SINGLE[single] + comb
            pairs[single + mark.upper()] = _VNI_SINGLE[single] + comb
    return {k: unicodedata.normalize("NFC", v) for k, v in pairs.items()}


_VNI_PAIRS = _vni_pairs()
_VNI_RE = re.compile(
    "|".join(re.escape(k) for k in sorted(_VNI_PAIRS, key=len, reverse=True))
    + "|["
    + re.escape("".join(_VNI_SINGLE))
    + "]"
)

# Latin-1 letters that Vietnamese itself uses: they are not evidence of a legacy encoding.
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
# Letters beyond Latin-1 that only real Unicode Vietnamese has (ă đ ĩ ũ ơ ư and the ạ…ỹ block).
_VIETNAMESE_EXTENDED = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]"
)


def convert(text: str, encoding: str) -> str:
    """``text`` typed in ``encoding`` ('tcvn3' or 'vni') as Unicode NFC."""
    if encoding == "tcvn3":
        result = text.translate(_TCVN3_TABLE)
    elif encoding == "vni":
        result = _VNI_RE.sub(lambda m: _VNI_PAIRS.get(m.group(0)) or _VNI_SINGLE[m.group(0)], text)
    else:
        raise ValueError(f"unknown encoding {encoding!r}")
    return unicodedata.normalize("NFC", result)


def _odd(text: str) -> int:
    """Characters that never occur in Unicode Vietnamese (Latin-1 symbols and foreign letters)."""
    return sum(1 for c in text if "\xa0" <= c <= "\xff" and c not in _VIETNAMESE_LATIN1)


# A Vietnamese syllable with its tone mark removed: onset, vowel cluster, coda. Both wrong
# decodings produce mostly valid letters, but in impossible places ("Tieỏng"), so counting
# well-formed syllables tells the encodings apart.
_ONSET = "(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx])?"
_CLUSTERS = ["iêu", "yêu", "uyê", "ươi", "ươu", "uôi", "oai", "oay", "oao", "oeo", "uây", "uya", "uyu", "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
_SYLLABLE = re.compile(
    f"{_ONSET}(?:{'|'.join(_CLUSTERS)})(?:ch|ng|nh|[cmnpt])?", re.IGNORECASE
)
_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))


def _syllables(text: str) -> int:
    """How many words of ``text`` are well-formed Vietnamese syllables (tones ignored)."""
    bare = unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(_TONES))
    return sum(1 for word in re.findall(r"\w+", bare) if _SYLLABLE.fullmatch(word))


def detect(texts: Iterable[str]) -> str | None:
    """'tcvn3', 'vni' or None (Unicode or plain ASCII), judged over all the texts of a file.

    Legacy text is full of Latin-1 symbols that Vietnamese never uses; the right encoding is the
    one whose conversion turns the most words into well-formed Vietnamese syllables.
    """
    sample = "\n".join(t for t in texts if t)
    odd = _odd(sample)
    if len(_VIETNAMESE_EXTENDED.findall(sample)) > odd:
        return None
    before = _syllables(sample)
    scores = {encoding: _syllables(convert(sample, encoding)) for encoding in ENCODINGS}
    best = max(scores, key=lambda e: scores[e])
    # Without any odd symbol (VNI text can be all Vietnamese-looking letters: "Nguyeãn Vaên"),
    # ask for a clear gain so that ordinary text is never touched.
    needed = before + 1 if odd else before + max(2, before // 5)
    return best if scores[best] >= needed else None
