# path: app/services/tenant_schema.py
# fifth precision reading: quoting helpers however the project spells them (a leading
# underscore, `quoted_*`, awaited), and UUID values, whose text is hex digits and dashes
import uuid
from uuid import UUID, uuid4

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

ROLE_NAME = "reporting"


class TenantUUID(UUID):
    @classmethod
    def new(cls, raw: str) -> "TenantUUID":
        return cls(raw)


def _quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


async def _quoted_literal(conn: AsyncConnection, value: str) -> str:
    return (await conn.execute(text("SELECT quote_literal(:v)"), {"v": value})).scalar_one()


async def create_role(conn: AsyncConnection, password: str) -> None:
    await conn.execute(text(f"CREATE ROLE {_quote_identifier(ROLE_NAME)} LOGIN"))
    password_sql = await _quoted_literal(conn, password)
    await conn.execute(text(f"ALTER ROLE {_quote_identifier(ROLE_NAME)} PASSWORD {password_sql}"))


class TenantTables:
    def __init__(self, session: AsyncSession, tenant: str) -> None:
        self.session = session
        self.tenant_uuid = TenantUUID.new(tenant)
        self.request_id = uuid4()
        self.label = tenant

    def tenant_default(self):
        return text(f"'{self.tenant_uuid}'::uuid")

    async def tag(self) -> None:
        await self.session.execute(text(f"SET LOCAL app.request = '{self.request_id}'"))

    # still reported: an attribute holding a str
    def label_default(self):
        return text(f"'{self.label}'")  # error: XFA512:21


async def rows_of(session: AsyncSession, tenant_id: UUID, tenant: uuid.UUID, name: str):
    await session.execute(text(f"SELECT * FROM rows WHERE tenant_id = '{tenant_id}'"))
    await session.execute(text(f"SELECT * FROM rows WHERE tenant_id = '{tenant}'"))
    await session.execute(text(f"SELECT * FROM rows WHERE name = '{name}'"))  # error: XFA512:32


# ... and a helper that quotes nothing, whatever it returns
def _wrap(value: str) -> str:
    return "'" + value + "'"


async def wrapped(session: AsyncSession, name: str):
    await session.execute(text(f"SELECT * FROM rows WHERE name = {_wrap(name)}"))  # error: XFA512:32
