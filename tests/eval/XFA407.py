from typing import Annotated, Optional, Union

from pydantic import BaseModel, EmailStr, Field
from pydantic_settings import BaseSettings


class Invite(BaseModel):
    email: str  # error: XFA407:5 "email"
    backup_email: Optional[str] = None  # error: XFA407:5
    work_email: str | None = None  # error: XFA407:5
    other_email: Union[str, None] = None  # error: XFA407:5
    billing_email: Annotated[str, Field(max_length=320)]  # error: XFA407:5
    Email: str = Field(...)  # error: XFA407:5


class UserResponse(BaseModel):
    """Response models are flagged too."""

    email: str  # error: XFA407:5


class Settings(BaseSettings):
    ADMIN_EMAIL: str = "admin@example.com"  # error: XFA407:5


# near misses


class Fine(BaseModel):
    email: EmailStr
    email_verified: bool
    emails: list[str]
    email_count: int
    contact_email: Optional[EmailStr] = None
    emailaddress: str
    username_or_email: str  # a login identifier, not always an email


class SignUp(BaseModel):
    # the wire key is "login": what arrives is a login name, not always an address
    email: str = Field(alias="login")
    contact_email: str = Field(alias="contactEmail")  # error: XFA407:5 "contact_email"
    backup_email: Annotated[str, Field(validation_alias="backupMail")]  # error: XFA407:5


class CommitInfo(BaseModel):
    sha: str
    author_email: str | None = None  # a git identity: free-form
    committer_email: str | None = None


class StoredOAuthToken(BaseModel):
    access_token: str
    refresh_token: str | None = None
    account_email: str | None = None  # the provider's profile, copied with the token


class LoginResult(BaseModel):
    access_token: str
    email: str  # error: XFA407:5


class NotAModel:
    email: str


def function_locals():
    email: str = "x@example.com"
    return email
