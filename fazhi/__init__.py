"""fazhi (法治): the working platform of a city-management law-enforcement bureau."""
