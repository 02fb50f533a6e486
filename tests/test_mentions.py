"""Mentions: the ways a page writes the target's name (diacritics, honorifics, nicknames,
middle initials, suffixes, hyphens) and the names that belong to someone else."""

from __future__ import annotations

import pytest

from dossier.facts.mentions import HE, SHE, foreign_pronouns
from dossier.lexicons import Lexicons, load_lexicons
from dossier.names import NameForms, classify_name, fold, name_forms, plain


@pytest.fixture(scope="module")
def lexicons() -> Lexicons:
    return load_lexicons()


def forms_of(name: str, lexicons: Lexicons) -> NameForms:
    return name_forms([name], lexicons)


def test_fold_drops_case_diacritics_and_curly_quotes() -> None:
    assert fold("Sjöström’s “Crème”") == "sjostrom's \"creme\""
    assert plain("Sjöström’s “Crème”") == "Sjostrom's \"Creme\""


@pytest.mark.parametrize(("text", "foreign"), [
    # the first pronoun after her name is "she", three times: "he" is never her
    ("Sjöström chairs the fund, where she started in 2004.\nSjostrom says she rows.\n"
     "Sjöström, 61, said she would stay.", HE),
    ("Ingrid Sjöström said he would resign. Sjöström, 61, said his plan was final. Sjöström "
     "added that he had no regrets.", SHE),
    # twice is too little to tell; a name between hers and the pronoun gives no vote
    ("Sjöström chairs the fund, where she started in 2004. Sjöström says she rows.",
     frozenset()),
    ("Sjöström hired Anders Larsen, and he runs it. Sjöström said Piet and he agree. Sjöström "
     "thinks Tom's plan is good: he is right.", frozenset()),
    # her label in a Q&A is no mention: what follows is her own words about others
    ("Sjöström: Ian's a merchant. His shop is small.\nSjöström: My son? He studies.\n"
     "Sjöström: Dad? He retired.\nSjöström: Our cat? He sleeps.", frozenset()),
    # mixed: 'she' three times and 'he' once is not enough to tell
    ("Sjöström: she. Sjöström - she. Sjöström - she. Sjöström - she. Sjöström - he.",
     frozenset()),
    ("Sjöström - she. Sjöström - she. Sjöström - she. Sjöström - she. Sjöström - she. "
     "Sjöström - he.", HE),
])
def test_the_pronoun_a_page_never_uses_for_the_target(text: str, foreign: frozenset[str],
                                                      lexicons: Lexicons) -> None:
    assert foreign_pronouns(text, forms_of("Ingrid Sjöström", lexicons)) == foreign


@pytest.mark.parametrize(("written", "kind"), [
    ("Ingrid Sjöström", "target"),
    ("Ingrid Sjostrom", "target"),
    ("INGRID SJÖSTRÖM", "target"),
    ("Ingrid M. Sjöström", "target"),
    ("Sjöström", "surname"),
    ("Sjostrom", "surname"),
    ("Dr. Sjöström", "surname"),
    ("Ms. Sjostrom", "surname"),
    ("Ingrid", "given"),
    ("Anders Sjöström", "other"),
    ("Ingrid Larsen", "other"),
])
def test_diacritics_honorifics_and_middle_initials(written: str, kind: str,
                                                   lexicons: Lexicons) -> None:
    assert classify_name(written, forms_of("Ingrid Sjöström", lexicons)) == kind


def test_target_without_diacritics_matches_a_page_with_them(lexicons: Lexicons) -> None:
    forms = forms_of("Ingrid Sjostrom", lexicons)
    assert classify_name("Ingrid Sjöström", forms) == "target"
    assert classify_name("Sjöström", forms) == "surname"


@pytest.mark.parametrize(("written", "kind"), [
    ("Bill Pettigrew-Lowe", "target"),
    ("Will Pettigrew-Lowe", "target"),
    ("William Pettigrew Lowe", "target"),
    ("Bill", "given"),
    ("Pettigrew-Lowe", "surname"),
    ("Dr. Pettigrew-Lowe", "surname"),
    ("Robert Pettigrew-Lowe", "other"),
    ("Pettigrew Lowe", "surname"),
])
def test_nicknames_and_hyphenated_surnames(written: str, kind: str,
                                           lexicons: Lexicons) -> None:
    assert classify_name(written, forms_of("William Pettigrew-Lowe", lexicons)) == kind


@pytest.mark.parametrize(("written", "kind"), [
    ("Charles Fairweather", "target"),
    ("Charles R. Fairweather Jr.", "target"),
    ("Chuck Fairweather", "target"),
    ("Charles Fairweather III", "other"),
    ("Fairweather", "surname"),
])
def test_suffixes_tell_father_from_son(written: str, kind: str, lexicons: Lexicons) -> None:
    assert classify_name(written, forms_of("Charles R. Fairweather Jr.", lexicons)) == kind


def test_quoted_nickname_in_the_target_name(lexicons: Lexicons) -> None:
    forms = forms_of('Katherine "Kiki" Amadi', lexicons)
    assert forms.surnames == {"amadi"}
    assert {"katherine", "kiki", "kate"} <= forms.given
    assert classify_name("Kiki Amadi", forms) == "target"
    assert classify_name("Kiki", forms) == "given"
    assert classify_name("Nkechi Amadi", forms) == "other"


def test_name_forms_of_a_hyphenated_name(lexicons: Lexicons) -> None:
    forms = forms_of("Dr. Ysolde Marchetti-Varga", lexicons)
    assert forms.surnames == {"marchetti-varga", "marchetti varga"}
    assert forms.given == {"ysolde"}


def test_aliases_add_their_forms(lexicons: Lexicons) -> None:
    forms = name_forms(["Ngozi Ebuka", "Daisy Ebuka-Hart"], lexicons)
    assert classify_name("Daisy Ebuka-Hart", forms) == "target"
    assert classify_name("Ebuka", forms) == "surname"
    assert classify_name("Ms. Ebuka-Hart", forms) == "surname"
