"""How a signed-in user is loaded on each request: with the membership that every page asks
about (`access.membership_of`), its partnership and agency, in one query instead of three."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class MemberBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        users = get_user_model()._default_manager.select_related(
            "membership__partnership", "membership__agency")
        try:
            user = users.get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
