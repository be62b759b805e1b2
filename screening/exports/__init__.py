"""What leaves the app for other systems: FHIR resources and the flags as CSV."""
