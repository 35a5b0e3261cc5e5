from .legacy import LegacyPayload
from .mixed import Exported
from .orm import PromptRow
from .prompt import PromptBase, PromptCreate, PromptOut

__all__ = ["Exported", "LegacyPayload", "PromptBase", "PromptCreate", "PromptOut", "PromptRow"]
