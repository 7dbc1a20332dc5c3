// Start GOV.UK Frontend's components (skip link, details, error summary).
import { initAll } from "../govuk/govuk-frontend.min.js";
initAll();
