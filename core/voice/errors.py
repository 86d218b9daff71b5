"""The voice's errors: the board keeps working without sound, and says so in small type."""

from __future__ import annotations

from core.errors import HalltermError


class VoiceError(HalltermError):
    code = "VOICE_SYNTHESIS_FAILED"
    user_message = "语音播报暂时不可用。"


class VoiceEngineMissing(VoiceError):
    """Nothing to speak with: espeak-ng not installed, or the clip folder missing or empty."""

    code = "VOICE_ENGINE_MISSING"


class WavError(VoiceError):
    code = "VOICE_CLIP_INVALID"
