"""The FHIR R4 (4.0.1) invariants of Questionnaire, QuestionnaireResponse and Consent, evaluated with fhirpathpy.

Expressions are verbatim from the R4 StructureDefinitions. Each is evaluated on the whole resource as
`<context>.where(...)`, so the R4 model knows each node's type (needed for answer[x] and value[x]); an
empty result counts as a failure, as in the HL7 validator (que-13 is empty when `repeats` is absent).
"""

from fhirpathpy import evaluate
from fhirpathpy.models import models

QUESTIONNAIRE = {
    "que-0": ("Questionnaire", "name.matches('[A-Z]([A-Za-z0-9_]){0,254}')"),
    "que-1": ("Questionnaire.item", "(type='group' implies item.empty().not()) and "
                                    "(type.trace('type')='display' implies item.trace('item').empty())"),
    "que-2": ("Questionnaire", "descendants().linkId.isDistinct()"),
    "que-3": ("Questionnaire.item", "type!='display' or code.empty()"),
    "que-4": ("Questionnaire.item", "answerOption.empty() or answerValueSet.empty()"),
    "que-5": ("Questionnaire.item", "(type ='choice' or type = 'open-choice' or type = 'decimal' or type = 'integer' "
                                    "or type = 'date' or type = 'dateTime' or type = 'time' or type = 'string' "
                                    "or type = 'quantity') or (answerValueSet.empty() and answerOption.empty())"),
    "que-6": ("Questionnaire.item", "type!='display' or (required.empty() and repeats.empty())"),
    "que-7": ("Questionnaire.item.enableWhen", "operator = 'exists' implies (answer is Boolean)"),
    "que-8": ("Questionnaire.item", "(type!='group' and type!='display') or initial.empty()"),
    "que-9": ("Questionnaire.item", "type!='display' or readOnly.empty()"),
    "que-10": ("Questionnaire.item", "(type in ('boolean' | 'decimal' | 'integer' | 'string' | 'text' | 'url' | "
                                     "'open-choice')) or maxLength.empty()"),
    "que-11": ("Questionnaire.item", "answerOption.empty() or initial.empty()"),
    "que-12": ("Questionnaire.item", "enableWhen.count() > 2 implies enableBehavior.exists()"),
    "que-13": ("Questionnaire.item", "repeats=true or initial.count() <= 1"),
}
RESPONSE = {
    "qrs-1": ("QuestionnaireResponse.item", "(answer.exists() and item.exists()).not()"),
    "qrs-2": ("QuestionnaireResponse.item",
              "repeat(answer|item).select(item.where(answer.value.exists()).linkId.isDistinct()).allTrue()"),
    # Not an R4 invariant: qrs-2 compares only the grandchildren of an item, so duplicates among the
    # top-level items or right under a top-level group would slip through.
    "qrs-2 at the root": ("QuestionnaireResponse",
                          "repeat(answer|item).select(item.where(answer.value.exists()).linkId.isDistinct())"
                          ".allTrue() and item.where(answer.value.exists()).linkId.isDistinct()"),
}
CONSENT = {
    "ppc-1": ("Consent", "policy.exists() or policyRule.exists()"),
    # R4 names the scope's system 'something', so a privacy consent without a patient passes it verbatim; ours
    # names consentscope, as the patient-privacy code's system is.
    "ppc-2": ("Consent", "patient.exists() or scope.coding.where(system='something' and code='patient-privacy')"
                         ".exists().not()"),
    "ppc-2 with consentscope": ("Consent", "patient.exists() or scope.coding.where(system="
                                           "'http://terminology.hl7.org/CodeSystem/consentscope' and "
                                           "code='patient-privacy').exists().not()"),
}
CONTEXTS = {
    "Consent": "Consent",
    "Questionnaire": "Questionnaire",
    "Questionnaire.item": "Questionnaire.repeat(item)",
    "Questionnaire.item.enableWhen": "Questionnaire.repeat(item).enableWhen",
    "QuestionnaireResponse": "QuestionnaireResponse",
    "QuestionnaireResponse.item": "QuestionnaireResponse.repeat(item.combine(answer.item))",
}
# fhirpathpy 2.2 loses the type of nodes in a union, so value[x] under `(a | b)` never resolves and
# qrs-2 verbatim could never fail; combine() means the same here and keeps the types. It types an answerBoolean as
# FHIR.boolean only, never as the System Boolean que-7 names, so que-7 verbatim could never pass.
FHIRPATHPY_REWRITES = {"repeat(answer|item)": "repeat(answer.combine(item))",
                       "answer is Boolean": "answer is FHIR.boolean"}


def for_fhirpathpy(expression: str) -> str:
    for verbatim, rewritten in FHIRPATHPY_REWRITES.items():
        expression = expression.replace(verbatim, rewritten)
    return expression


def failures(resource: dict) -> dict[str, list]:
    """{invariant: [linkIds (or values) of the nodes that break it]}; empty when every invariant holds."""
    invariants = {"Questionnaire": QUESTIONNAIRE, "Consent": CONSENT}.get(resource["resourceType"], RESPONSE)
    found = {}
    for key, (context, expression) in invariants.items():
        broken = evaluate(resource, f"{CONTEXTS[context]}.where(iif({for_fhirpathpy(expression)}, false, true))",
                          model=models["r4"], options={"traceFn": lambda *args, **kwargs: None})
        if broken:
            found[key] = [node.get("linkId", node.get("question", context)) if isinstance(node, dict) else node
                          for node in broken]
    return found
