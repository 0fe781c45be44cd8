"""The AI grader's defaults, apart from the grader itself: Settings and the Review screen read
them without loading pydantic and the HTTP client, which starting the app does not need."""

SERVER_PRESETS: dict[str, str] = {
    "Ollama": "http://127.0.0.1:11434/v1",
    "llama.cpp server": "http://127.0.0.1:8080/v1",
    "LM Studio": "http://127.0.0.1:1234/v1",
}

WHAT_IS_SENT = (
    "When you ask for AI feedback, interviewprep sends the question, its reference answer, its "
    "key points and the answer you typed to {endpoint}, and nothing else: no progress, no "
    "other cards, no files. The reply is only shown to you; your own grade is what counts."
)

DEFAULT_TIMEOUT_S = 60.0
