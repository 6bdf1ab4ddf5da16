"""One exception hierarchy for everything a person might be told about.

Every `OS1Error` carries `user_message`: short, warm text that is safe to show in Discord or
the terminal. The exception's own str() is for logs and may hold detail a user should not see.
"""

from __future__ import annotations


class OS1Error(Exception):
    """Base for errors with a message written for a person."""

    user_message = "Something went wrong on my side. Could you try that again in a moment?"

    def __init__(self, detail: str = "", *, user_message: str | None = None) -> None:
        super().__init__(detail or self.__class__.__name__)
        if user_message is not None:
            self.user_message = user_message


class ModelError(OS1Error):
    """The model provider failed us."""

    user_message = "I lost my train of thought — say that again?"


class ModelTimeout(ModelError):
    user_message = "I lost my train of thought — say that again?"


class ModelRateLimited(ModelError):
    user_message = "I'm getting a lot of voices at once right now. Give me a minute and try again?"


class ModelUnavailable(ModelError):
    user_message = "I can't reach my thoughts right now (the model service is down). Try me again soon?"


class ModelConfigError(ModelError):
    """Auth failures, unknown model names: an operator has to fix these."""

    user_message = (
        "I can't think right now because my model isn't set up correctly. "
        "The people who run me have been told."
    )


class ModelStreamBroken(ModelError):
    user_message = "I got cut off mid-thought — could you say that again?"


class UserInputError(OS1Error):
    """The user asked for something we cannot do; the message says why and what to do."""


class NotFound(UserInputError):
    user_message = "I couldn't find that."


class PermissionDenied(UserInputError):
    user_message = "That's only for the server's moderators."
