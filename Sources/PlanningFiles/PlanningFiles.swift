// PlanningFiles module
