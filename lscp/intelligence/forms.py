"""The threat, portfolio and theme-link forms (GOV.UK patterns through web/form.html)."""

from __future__ import annotations

from typing import Any

from django import forms

from lscp.assurance.forms import NamedForm, RecordForm
from lscp.assurance.models import OPEN_ACTION_STATUSES
from lscp.assurance.selectors import live_actions
from lscp.dataset.models import Indicator
from lscp.intelligence.models import Confidence, Level
from lscp.intelligence.selectors import links_of, theme_titles
from lscp.partnership.models import LIVE, Priority


class IndicatorChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.theme_title}: {obj.title}"


class LabelledChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Priorities by year and title; actions by text and owner."""

    def label_from_instance(self, obj: Any) -> str:
        if hasattr(obj, "year"):
            return f"{obj.year.label}: {obj.title}"
        return f"{obj.text} ({obj.owner.name})"


def _indicators() -> IndicatorChoices:
    return IndicatorChoices(
        queryset=Indicator.objects.exclude(unit="rate").order_by("position"), required=False,
        widget=forms.CheckboxSelectMultiple, label="Data signals from the dataset",
        help_text="The assessment shows these indicators' statistical process control "
                  "signals for the half.")


class ThreatForm(RecordForm):
    """A threat for one half. Adding, the code carries an earlier assessment's threat on."""

    code = forms.ChoiceField(required=False, label="Threat assessed before",
                             help_text="Choose the threat from an earlier assessment to show "
                                       "how it has moved, or leave it for a new threat.")
    title = forms.CharField(max_length=200, label="Threat", required=False,
                            help_text="For example: child exploitation, online harm. Leave "
                                      "it empty to keep the title of a threat chosen above.")
    level = forms.ChoiceField(choices=Level.choices, widget=forms.RadioSelect,
                              label="Level of threat")
    confidence = forms.ChoiceField(choices=Confidence.choices, widget=forms.RadioSelect,
                                   label="Confidence in the assessment")
    pathway = forms.CharField(widget=forms.Textarea, label="Pathway to harm",
                              help_text="How the threat leads to harm to children.")
    intelligence = forms.CharField(required=False, widget=forms.Textarea,
                                   label="Intelligence",
                                   help_text="What partners know, and from which sources.")
    gaps = forms.CharField(required=False, widget=forms.Textarea, label="Intelligence gaps",
                           help_text="What the partnership does not know yet. One a line.")
    recommendations = forms.CharField(required=False, widget=forms.Textarea,
                                      label="Recommendations", help_text="One a line.")

    field_order = ["code", "title", "level", "confidence", "pathway", "intelligence", "gaps",
                   "recommendations"]

    def __init__(self, *args: Any, partnership: Any,
                 earlier: dict[str, tuple[str, str]] | None = None, **kwargs: Any) -> None:
        """`earlier`: code -> (title, half last assessed) of threats to carry on."""
        super().__init__(*args, partnership=partnership, **kwargs)
        self.earlier = earlier or {}
        if "code" in self.fields:
            code = self.fields["code"]
            assert isinstance(code, forms.ChoiceField)
            code.choices = [("", "A new threat")] + [
                (c, f"{title} (assessed {half})") for c, (title, half) in self.earlier.items()]
            if not self.earlier:
                self.fields.pop("code")
        self.fields["indicators"] = _indicators()
        if self.record is not None:
            self.fields["indicators"].initial = list(self.record.indicators.all())
        self.limit_text()

    def clean_code(self) -> str:
        return str(self.cleaned_data.get("code") or "")

    def clean(self) -> dict[str, Any]:
        """A threat carried on may keep its earlier title; a new one needs its own."""
        data = super().clean() or {}
        if not str(data.get("title") or "").strip():
            if data.get("code") in self.earlier:
                data["title"] = self.earlier[data["code"]][0]
            elif "title" not in self.errors:
                self.add_error("title", "Enter the threat, or choose one assessed before")
        return data


class PortfolioForm(RecordForm):
    code = forms.CharField(required=False, max_length=50, label="Code (optional)",
                           help_text="A short name for the command line and web addresses, "
                                     "such as children-portfolio. Leave it empty and one is "
                                     "made from the name.")
    name = forms.CharField(max_length=200, label="Name of the portfolio",
                           help_text="For example: Children, Education and Families.")
    audience = forms.CharField(required=False, max_length=200, label="Who reads it",
                               help_text="For example: the Portfolio Holder for Children, "
                                         "Education and Families.")
    themes = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, label="Themes",
                                       error_messages={"required": "Choose at least one theme"})

    def __init__(self, *args: Any, partnership: Any, themes: dict[str, str] | None = None,
                 **kwargs: Any) -> None:
        """`themes`: code -> title, in catalogue order (default: the catalogue's)."""
        super().__init__(*args, partnership=partnership, **kwargs)
        themes = theme_titles() if themes is None else themes
        field = self.fields["themes"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = list(themes.items())
        self.theme_order = list(themes)
        if self.record is not None:
            field.initial = list(self.record.themes)

    def clean_themes(self) -> list[str]:
        chosen = set(self.cleaned_data.get("themes") or [])
        return [code for code in self.theme_order if code in chosen]  # catalogue order


class ThemeLinksForm(NamedForm):
    """What the partnership is doing about one theme: its priorities and open actions."""

    def __init__(self, *args: Any, partnership: Any, theme: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = links_of(partnership, [theme])[theme]
        self.fields["priorities"] = LabelledChoices(
            queryset=Priority.objects.filter(LIVE, year__partnership=partnership)
            .select_related("year"), required=False, widget=forms.CheckboxSelectMultiple,
            label="Business-plan priorities",
            initial=[x.priority for x in current if x.priority])
        self.fields["actions"] = LabelledChoices(
            queryset=live_actions().filter(recommendation__partnership=partnership,
                                           status__in=OPEN_ACTION_STATUSES),
            required=False, widget=forms.CheckboxSelectMultiple,
            label="Actions from reviews, audits and meetings",
            initial=[x.action for x in current if x.action])
