# Values that name a secret, mark a place in a stream or stand in for a key no provider
# checks are not credentials; real-looking values under secret names still are.
import boto3
from openai import AsyncOpenAI, OpenAI
from transformers import AutoTokenizer

# values that name a secret rather than hold it
SECRET_ENV = "APP_AWS_SECRET_ACCESS_KEY"
aws_secret_access_key = "APP_AWS_SECRET_ACCESS_KEY"
password = "DB_PASS"
api_key = "OPENAI_API_KEY_V2"
SIGNING_SECRET = "auth.jwt.secret"
token = "providers.github.token"
client = boto3.client("s3", aws_secret_access_key="S3_SECRET")
_CA_CERT_SECRET_KEY = "ca.crt"
TLS_PRIVATE_KEY = "tls.key"

# sentinels and stream markers
token = "__pending_bot_token__"
END_TOKEN = "[TURN_END]"
stop_token = "<|im_end|>"
termination_token = "DONE!"
tokenizer = AutoTokenizer.from_pretrained("gpt2", eos_token="</s>", pad_token="[PAD]", mask_token="MASK")
special = tokenizer.add_tokens(token="[SEP]")

# placeholders and the dummy keys of keyless local providers
local = OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")
studio = OpenAI(base_url="http://localhost:1234/v1", api_key="lm-studio")
vllm = AsyncOpenAI(base_url="http://vllm:8000/v1", api_key="EMPTY")
other = OpenAI(api_key="sk-placeholder")
unused = OpenAI(api_key="not-needed")
dummy = OpenAI(api_key="dummy")
masked = OpenAI(api_key="sk-xxxxxxxxxxxx")
elided = OpenAI(api_key="sk-...")
yours = OpenAI(api_key="your-api-key-here")


async def health_check() -> bool:
    probe = OpenAI(api_key="healthcheck")
    return probe is not None


# still reported: secret names with real-looking values
SECRET_KEY = "a8f5f167f44f4964e6c998dee827110c"  # error: XFA701:14
APP_SECRET = "secret"  # error: XFA701:14
session_token = "abc.def.ghi1"  # error: XFA701:17
bot_token = "7211:AAH4kz9Qd1"  # error: XFA701:13
user_token = "u-38fj2kd9"  # error: XFA701:14
paid = OpenAI(api_key="sk-live-abc123")  # error: XFA701:23


async def health_db() -> None:
    await connect(password="hunter2")  # error: XFA701:28
