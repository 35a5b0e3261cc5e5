# off by default
from fastapi import FastAPI

app = FastAPI()
