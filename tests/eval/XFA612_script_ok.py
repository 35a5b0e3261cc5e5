# path: scripts/serve.py
import uvicorn

uvicorn.run("app.main:app", reload=True)
