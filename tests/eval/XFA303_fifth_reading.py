# path: app/routes/voices.py
# select: XFA303
from fastapi import APIRouter

from app.schemas import VoiceOut

router = APIRouter()

BUILTIN_VOICES = ({"id": "alto", "lang": "en"}, {"id": "basso", "lang": "de"})
_BY_LANG: dict[str, list[dict]] = {}


def builtin_voices() -> list[dict]:
    return list(BUILTIN_VOICES)


def voices_for(lang: str) -> list[dict]:
    return _BY_LANG[lang]


def voices_of(source) -> list[dict]:
    return list(source.values())


async def fetched_voices() -> list[dict]:
    return list(BUILTIN_VOICES)


# near-misses (fifth reading): a catalog a project function builds from fixed values
@router.get("/voices")
async def list_voices() -> list[VoiceOut]:
    return [VoiceOut(**v) for v in builtin_voices()]


@router.get("/voices/de")
async def list_german_voices() -> list[VoiceOut]:
    return [VoiceOut(**v) for v in voices_for("de")]


@router.get("/voices/by")
async def list_voices_by(lang: str) -> list[VoiceOut]:
    return [VoiceOut(**v) for v in voices_for(lang)]  # the argument only picks from the table


# still flagged: the function reads its argument, or is a coroutine (it may fetch)
@router.get("/voices/custom")
async def list_custom_voices(store: dict) -> list[VoiceOut]:  # error: XFA303:46 "list_custom_voices"
    return [VoiceOut(**v) for v in voices_of(store)]


@router.get("/voices/remote")
async def list_remote_voices() -> list[VoiceOut]:  # error: XFA303:35
    return [VoiceOut(**v) for v in await fetched_voices()]



# still flagged: a local list filled at run time is not a fixed catalog
@router.get("/voices/mine")
async def list_my_voices(db) -> list[VoiceOut]:  # error: XFA303:33
    found = []
    for row in await db.voices():
        found.append(VoiceOut(**row))
    return found
