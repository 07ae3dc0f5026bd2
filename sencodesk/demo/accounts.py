"""The demo school's accounts and secrets: one account per role, each with the password 'demo',
and the school passphrase 'demo'. They are weaker than the rules a real school is held to, so
they are written here, never through the services' account forms; a real school has none."""

from __future__ import annotations

from ..domain import passwords
from ..domain.users import ROLES
from ..services import _keyslots, encryption
from ..services.actor import Actor
from ..store import users as users_store

DEMO_PASSWORD = "demo"
DEMO_PASSPHRASE = "demo"
DEMO_ACCOUNTS = (
    ("senco", "Ms R Khan", "senco"),
    ("teacher", "Mr J Smith", "teacher"),
    ("head", "Mrs A Patel", "head"),
    ("office", "Mr D Jones", "office"),
)


def create_demo_accounts(actor: Actor) -> list[tuple[str, str]]:
    """The demo school's four accounts (senco, teacher, head, office), all with password 'demo'.

    The demo password is deliberately below the normal length rule, so these rows are written
    here and never through create_user. Existing accounts are left as they are.
    """
    actor.require("users.admin")
    made = []
    with actor.write() as db:
        for username, name, role in DEMO_ACCOUNTS:
            if users_store.by_username(db, username):
                continue
            user_id = users_store.insert(
                db,
                {"username": username, "display_name": name, "role": role},
                passwords.hash_password(DEMO_PASSWORD),
                actor.user.display_name,
            )
            _keyslots.set_user_slot(actor, username, DEMO_PASSWORD)
            actor.audit(
                "create",
                "user",
                user_id,
                summary=f"created the demo account {username} for {name} ({ROLES[role]})",
            )
            made.append((username, role))
    return made


def encrypt_demo_school(actor: Actor) -> str:
    """The demo school: passphrase 'demo', and the four demo accounts enrolled with 'demo'."""
    present = {r["username"] for r in users_store.all_accounts(actor.db)}
    return encryption.encrypt_school(
        actor,
        DEMO_PASSPHRASE,
        demo_passwords={name: DEMO_PASSWORD for name, _, _ in DEMO_ACCOUNTS if name in present},
    )
