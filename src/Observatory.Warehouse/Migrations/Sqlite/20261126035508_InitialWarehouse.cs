using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Observatory.Warehouse.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialWarehouse : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccommodationStatuses",
                columns: table => new
                {
                    AccommodationStatusKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    IsKnown = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsSettled = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccommodationStatuses", x => x.AccommodationStatusKey);
                });

            migrationBuilder.CreateTable(
                name: "AgeBands",
                columns: table => new
                {
                    AgeBandKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    MinAge = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxAge = table.Column<int>(type: "INTEGER", nullable: false),
                    IsChild = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgeBands", x => x.AgeBandKey);
                });

            migrationBuilder.CreateTable(
                name: "Areas",
                columns: table => new
                {
                    AreaKey = table.Column<int>(type: "INTEGER", nullable: false),
                    LsoaCode = table.Column<string>(type: "TEXT", nullable: false),
                    LsoaName = table.Column<string>(type: "TEXT", nullable: false),
                    WardCode = table.Column<string>(type: "TEXT", nullable: false),
                    WardName = table.Column<string>(type: "TEXT", nullable: false),
                    Borough = table.Column<string>(type: "TEXT", nullable: false),
                    ImdRank = table.Column<int>(type: "INTEGER", nullable: false),
                    ImdDecile = table.Column<int>(type: "INTEGER", nullable: false),
                    ImdQuintile = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Areas", x => x.AreaKey);
                });

            migrationBuilder.CreateTable(
                name: "ContactModes",
                columns: table => new
                {
                    ContactModeKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    IsRemote = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactModes", x => x.ContactModeKey);
                });

            migrationBuilder.CreateTable(
                name: "Dates",
                columns: table => new
                {
                    DateKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    MonthName = table.Column<string>(type: "TEXT", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    MonthKey = table.Column<int>(type: "INTEGER", nullable: false),
                    FinancialYear = table.Column<string>(type: "TEXT", nullable: false),
                    FinancialQuarter = table.Column<int>(type: "INTEGER", nullable: false),
                    DayOfWeek = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Dates", x => x.DateKey);
                });

            migrationBuilder.CreateTable(
                name: "Disabilities",
                columns: table => new
                {
                    DisabilityKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    IsKnown = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Disabilities", x => x.DisabilityKey);
                });

            migrationBuilder.CreateTable(
                name: "EmploymentStatuses",
                columns: table => new
                {
                    EmploymentStatusKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    IsKnown = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmploymentStatuses", x => x.EmploymentStatusKey);
                });

            migrationBuilder.CreateTable(
                name: "EndReasons",
                columns: table => new
                {
                    EndReasonKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", nullable: false),
                    IsTreated = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EndReasons", x => x.EndReasonKey);
                });

            migrationBuilder.CreateTable(
                name: "Ethnicities",
                columns: table => new
                {
                    EthnicityKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    BroadGroup = table.Column<string>(type: "TEXT", nullable: false),
                    CensusBroadGroup = table.Column<string>(type: "TEXT", nullable: false),
                    IsKnown = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsAfricanCaribbeanHeritage = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Ethnicities", x => x.EthnicityKey);
                });

            migrationBuilder.CreateTable(
                name: "Genders",
                columns: table => new
                {
                    GenderKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    IsKnown = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Genders", x => x.GenderKey);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeMeasures",
                columns: table => new
                {
                    OutcomeMeasureKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    MinScore = table.Column<double>(type: "REAL", nullable: false),
                    MaxScore = table.Column<double>(type: "REAL", nullable: false),
                    HigherIsBetter = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeMeasures", x => x.OutcomeMeasureKey);
                });

            migrationBuilder.CreateTable(
                name: "Providers",
                columns: table => new
                {
                    ProviderKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Sector = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Providers", x => x.ProviderKey);
                });

            migrationBuilder.CreateTable(
                name: "ReferralSources",
                columns: table => new
                {
                    ReferralSourceKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferralSources", x => x.ReferralSourceKey);
                });

            migrationBuilder.CreateTable(
                name: "Schools",
                columns: table => new
                {
                    SchoolKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Borough = table.Column<string>(type: "TEXT", nullable: false),
                    Approached = table.Column<bool>(type: "INTEGER", nullable: false),
                    Participating = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Schools", x => x.SchoolKey);
                });

            migrationBuilder.CreateTable(
                name: "SexualOrientations",
                columns: table => new
                {
                    SexualOrientationKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    IsKnown = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SexualOrientations", x => x.SexualOrientationKey);
                });

            migrationBuilder.CreateTable(
                name: "WarehouseLoads",
                columns: table => new
                {
                    LoadId = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", nullable: false),
                    IsSynthetic = table.Column<bool>(type: "INTEGER", nullable: false),
                    RandomSeed = table.Column<int>(type: "INTEGER", nullable: true),
                    Scale = table.Column<double>(type: "REAL", nullable: true),
                    ObservatoryVersion = table.Column<string>(type: "TEXT", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FactRows = table.Column<long>(type: "INTEGER", nullable: false),
                    PeriodStartDateKey = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodEndDateKey = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WarehouseLoads", x => x.LoadId);
                });

            migrationBuilder.CreateTable(
                name: "HealthChecks",
                columns: table => new
                {
                    HealthCheckId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    PeriodEndDateKey = table.Column<int>(type: "INTEGER", nullable: false),
                    EthnicityKey = table.Column<int>(type: "INTEGER", nullable: false),
                    AgeBandKey = table.Column<int>(type: "INTEGER", nullable: false),
                    GenderKey = table.Column<int>(type: "INTEGER", nullable: false),
                    AreaKey = table.Column<int>(type: "INTEGER", nullable: false),
                    AlcoholCheck = table.Column<int>(type: "INTEGER", nullable: false),
                    BloodGlucoseCheck = table.Column<int>(type: "INTEGER", nullable: false),
                    BloodPressureCheck = table.Column<int>(type: "INTEGER", nullable: false),
                    BmiCheck = table.Column<int>(type: "INTEGER", nullable: false),
                    LipidsCheck = table.Column<int>(type: "INTEGER", nullable: false),
                    SmokingCheck = table.Column<int>(type: "INTEGER", nullable: false),
                    AllSixChecks = table.Column<int>(type: "INTEGER", nullable: false),
                    ByStreetOutreachTeam = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HealthChecks", x => x.HealthCheckId);
                    table.ForeignKey(
                        name: "FK_HealthChecks_AgeBands_AgeBandKey",
                        column: x => x.AgeBandKey,
                        principalTable: "AgeBands",
                        principalColumn: "AgeBandKey");
                    table.ForeignKey(
                        name: "FK_HealthChecks_Areas_AreaKey",
                        column: x => x.AreaKey,
                        principalTable: "Areas",
                        principalColumn: "AreaKey");
                    table.ForeignKey(
                        name: "FK_HealthChecks_Dates_PeriodEndDateKey",
                        column: x => x.PeriodEndDateKey,
                        principalTable: "Dates",
                        principalColumn: "DateKey");
                    table.ForeignKey(
                        name: "FK_HealthChecks_Ethnicities_EthnicityKey",
                        column: x => x.EthnicityKey,
                        principalTable: "Ethnicities",
                        principalColumn: "EthnicityKey");
                    table.ForeignKey(
                        name: "FK_HealthChecks_Genders_GenderKey",
                        column: x => x.GenderKey,
                        principalTable: "Genders",
                        principalColumn: "GenderKey");
                });

            migrationBuilder.CreateTable(
                name: "Population",
                columns: table => new
                {
                    PopulationId = table.Column<int>(type: "INTEGER", nullable: false),
                    CensusYear = table.Column<int>(type: "INTEGER", nullable: false),
                    AreaKey = table.Column<int>(type: "INTEGER", nullable: false),
                    EthnicityKey = table.Column<int>(type: "INTEGER", nullable: false),
                    AgeBandKey = table.Column<int>(type: "INTEGER", nullable: false),
                    GenderKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Residents = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Population", x => x.PopulationId);
                    table.ForeignKey(
                        name: "FK_Population_AgeBands_AgeBandKey",
                        column: x => x.AgeBandKey,
                        principalTable: "AgeBands",
                        principalColumn: "AgeBandKey");
                    table.ForeignKey(
                        name: "FK_Population_Areas_AreaKey",
                        column: x => x.AreaKey,
                        principalTable: "Areas",
                        principalColumn: "AreaKey");
                    table.ForeignKey(
                        name: "FK_Population_Ethnicities_EthnicityKey",
                        column: x => x.EthnicityKey,
                        principalTable: "Ethnicities",
                        principalColumn: "EthnicityKey");
                    table.ForeignKey(
                        name: "FK_Population_Genders_GenderKey",
                        column: x => x.GenderKey,
                        principalTable: "Genders",
                        principalColumn: "GenderKey");
                });

            migrationBuilder.CreateTable(
                name: "Services",
                columns: table => new
                {
                    ServiceKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Programme = table.Column<string>(type: "TEXT", nullable: false),
                    TargetPopulation = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Services", x => x.ServiceKey);
                    table.ForeignKey(
                        name: "FK_Services_Providers_ProviderKey",
                        column: x => x.ProviderKey,
                        principalTable: "Providers",
                        principalColumn: "ProviderKey");
                });

            migrationBuilder.CreateTable(
                name: "Referrals",
                columns: table => new
                {
                    ReferralId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    ServiceKey = table.Column<int>(type: "INTEGER", nullable: false),
                    ReferralSourceKey = table.Column<int>(type: "INTEGER", nullable: false),
                    EthnicityKey = table.Column<int>(type: "INTEGER", nullable: false),
                    AgeBandKey = table.Column<int>(type: "INTEGER", nullable: false),
                    GenderKey = table.Column<int>(type: "INTEGER", nullable: false),
                    SexualOrientationKey = table.Column<int>(type: "INTEGER", nullable: false),
                    DisabilityKey = table.Column<int>(type: "INTEGER", nullable: false),
                    EmploymentStatusKey = table.Column<int>(type: "INTEGER", nullable: false),
                    AccommodationStatusKey = table.Column<int>(type: "INTEGER", nullable: false),
                    AreaKey = table.Column<int>(type: "INTEGER", nullable: false),
                    ReferralDateKey = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstContactDateKey = table.Column<int>(type: "INTEGER", nullable: true),
                    TreatmentStartDateKey = table.Column<int>(type: "INTEGER", nullable: true),
                    EndDateKey = table.Column<int>(type: "INTEGER", nullable: true),
                    EndReasonKey = table.Column<int>(type: "INTEGER", nullable: true),
                    WaitToFirstContactDays = table.Column<int>(type: "INTEGER", nullable: true),
                    WaitToTreatmentDays = table.Column<int>(type: "INTEGER", nullable: true),
                    SessionsAttended = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionsMissed = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionsCancelled = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstPhq9 = table.Column<int>(type: "INTEGER", nullable: true),
                    LastPhq9 = table.Column<int>(type: "INTEGER", nullable: true),
                    FirstGad7 = table.Column<int>(type: "INTEGER", nullable: true),
                    LastGad7 = table.Column<int>(type: "INTEGER", nullable: true),
                    EnteredTreatment = table.Column<int>(type: "INTEGER", nullable: false),
                    FinishedTreatment = table.Column<int>(type: "INTEGER", nullable: false),
                    DroppedOut = table.Column<int>(type: "INTEGER", nullable: false),
                    AtCaseness = table.Column<int>(type: "INTEGER", nullable: false),
                    FinishedAtCaseness = table.Column<int>(type: "INTEGER", nullable: false),
                    Recovered = table.Column<int>(type: "INTEGER", nullable: false),
                    ReliablyImproved = table.Column<int>(type: "INTEGER", nullable: false),
                    ReliablyRecovered = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals", x => x.ReferralId);
                    table.ForeignKey(
                        name: "FK_Referrals_AccommodationStatuses_AccommodationStatusKey",
                        column: x => x.AccommodationStatusKey,
                        principalTable: "AccommodationStatuses",
                        principalColumn: "AccommodationStatusKey");
                    table.ForeignKey(
                        name: "FK_Referrals_AgeBands_AgeBandKey",
                        column: x => x.AgeBandKey,
                        principalTable: "AgeBands",
                        principalColumn: "AgeBandKey");
                    table.ForeignKey(
                        name: "FK_Referrals_Areas_AreaKey",
                        column: x => x.AreaKey,
                        principalTable: "Areas",
                        principalColumn: "AreaKey");
                    table.ForeignKey(
                        name: "FK_Referrals_Dates_EndDateKey",
                        column: x => x.EndDateKey,
                        principalTable: "Dates",
                        principalColumn: "DateKey");
                    table.ForeignKey(
                        name: "FK_Referrals_Dates_FirstContactDateKey",
                        column: x => x.FirstContactDateKey,
                        principalTable: "Dates",
                        principalColumn: "DateKey");
                    table.ForeignKey(
                        name: "FK_Referrals_Dates_ReferralDateKey",
                        column: x => x.ReferralDateKey,
                        principalTable: "Dates",
                        principalColumn: "DateKey");
                    table.ForeignKey(
                        name: "FK_Referrals_Dates_TreatmentStartDateKey",
                        column: x => x.TreatmentStartDateKey,
                        principalTable: "Dates",
                        principalColumn: "DateKey");
                    table.ForeignKey(
                        name: "FK_Referrals_Disabilities_DisabilityKey",
                        column: x => x.DisabilityKey,
                        principalTable: "Disabilities",
                        principalColumn: "DisabilityKey");
                    table.ForeignKey(
                        name: "FK_Referrals_EmploymentStatuses_EmploymentStatusKey",
                        column: x => x.EmploymentStatusKey,
                        principalTable: "EmploymentStatuses",
                        principalColumn: "EmploymentStatusKey");
                    table.ForeignKey(
                        name: "FK_Referrals_EndReasons_EndReasonKey",
                        column: x => x.EndReasonKey,
                        principalTable: "EndReasons",
                        principalColumn: "EndReasonKey");
                    table.ForeignKey(
                        name: "FK_Referrals_Ethnicities_EthnicityKey",
                        column: x => x.EthnicityKey,
                        principalTable: "Ethnicities",
                        principalColumn: "EthnicityKey");
                    table.ForeignKey(
                        name: "FK_Referrals_Genders_GenderKey",
                        column: x => x.GenderKey,
                        principalTable: "Genders",
                        principalColumn: "GenderKey");
                    table.ForeignKey(
                        name: "FK_Referrals_ReferralSources_ReferralSourceKey",
                        column: x => x.ReferralSourceKey,
                        principalTable: "ReferralSources",
                        principalColumn: "ReferralSourceKey");
                    table.ForeignKey(
                        name: "FK_Referrals_Services_ServiceKey",
                        column: x => x.ServiceKey,
                        principalTable: "Services",
                        principalColumn: "ServiceKey");
                    table.ForeignKey(
                        name: "FK_Referrals_SexualOrientations_SexualOrientationKey",
                        column: x => x.SexualOrientationKey,
                        principalTable: "SexualOrientations",
                        principalColumn: "SexualOrientationKey");
                });

            migrationBuilder.CreateTable(
                name: "Appointments",
                columns: table => new
                {
                    AppointmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    ReferralId = table.Column<long>(type: "INTEGER", nullable: false),
                    ServiceKey = table.Column<int>(type: "INTEGER", nullable: false),
                    DateKey = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactModeKey = table.Column<int>(type: "INTEGER", nullable: false),
                    IsAssessment = table.Column<int>(type: "INTEGER", nullable: false),
                    Attended = table.Column<int>(type: "INTEGER", nullable: false),
                    DidNotAttend = table.Column<int>(type: "INTEGER", nullable: false),
                    Cancelled = table.Column<int>(type: "INTEGER", nullable: false),
                    InterpreterUsed = table.Column<int>(type: "INTEGER", nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Appointments", x => x.AppointmentId);
                    table.ForeignKey(
                        name: "FK_Appointments_ContactModes_ContactModeKey",
                        column: x => x.ContactModeKey,
                        principalTable: "ContactModes",
                        principalColumn: "ContactModeKey");
                    table.ForeignKey(
                        name: "FK_Appointments_Dates_DateKey",
                        column: x => x.DateKey,
                        principalTable: "Dates",
                        principalColumn: "DateKey");
                    table.ForeignKey(
                        name: "FK_Appointments_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "ReferralId");
                    table.ForeignKey(
                        name: "FK_Appointments_Services_ServiceKey",
                        column: x => x.ServiceKey,
                        principalTable: "Services",
                        principalColumn: "ServiceKey");
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeOutcomes",
                columns: table => new
                {
                    ProgrammeOutcomeId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    ReferralId = table.Column<long>(type: "INTEGER", nullable: false),
                    ServiceKey = table.Column<int>(type: "INTEGER", nullable: false),
                    OutcomeMeasureKey = table.Column<int>(type: "INTEGER", nullable: false),
                    SchoolKey = table.Column<int>(type: "INTEGER", nullable: true),
                    EthnicityKey = table.Column<int>(type: "INTEGER", nullable: false),
                    AgeBandKey = table.Column<int>(type: "INTEGER", nullable: false),
                    GenderKey = table.Column<int>(type: "INTEGER", nullable: false),
                    PreDateKey = table.Column<int>(type: "INTEGER", nullable: false),
                    PostDateKey = table.Column<int>(type: "INTEGER", nullable: false),
                    PreScore = table.Column<double>(type: "REAL", nullable: false),
                    PostScore = table.Column<double>(type: "REAL", nullable: false),
                    Change = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeOutcomes", x => x.ProgrammeOutcomeId);
                    table.ForeignKey(
                        name: "FK_ProgrammeOutcomes_AgeBands_AgeBandKey",
                        column: x => x.AgeBandKey,
                        principalTable: "AgeBands",
                        principalColumn: "AgeBandKey");
                    table.ForeignKey(
                        name: "FK_ProgrammeOutcomes_Dates_PostDateKey",
                        column: x => x.PostDateKey,
                        principalTable: "Dates",
                        principalColumn: "DateKey");
                    table.ForeignKey(
                        name: "FK_ProgrammeOutcomes_Dates_PreDateKey",
                        column: x => x.PreDateKey,
                        principalTable: "Dates",
                        principalColumn: "DateKey");
                    table.ForeignKey(
                        name: "FK_ProgrammeOutcomes_Ethnicities_EthnicityKey",
                        column: x => x.EthnicityKey,
                        principalTable: "Ethnicities",
                        principalColumn: "EthnicityKey");
                    table.ForeignKey(
                        name: "FK_ProgrammeOutcomes_Genders_GenderKey",
                        column: x => x.GenderKey,
                        principalTable: "Genders",
                        principalColumn: "GenderKey");
                    table.ForeignKey(
                        name: "FK_ProgrammeOutcomes_OutcomeMeasures_OutcomeMeasureKey",
                        column: x => x.OutcomeMeasureKey,
                        principalTable: "OutcomeMeasures",
                        principalColumn: "OutcomeMeasureKey");
                    table.ForeignKey(
                        name: "FK_ProgrammeOutcomes_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "ReferralId");
                    table.ForeignKey(
                        name: "FK_ProgrammeOutcomes_Schools_SchoolKey",
                        column: x => x.SchoolKey,
                        principalTable: "Schools",
                        principalColumn: "SchoolKey");
                    table.ForeignKey(
                        name: "FK_ProgrammeOutcomes_Services_ServiceKey",
                        column: x => x.ServiceKey,
                        principalTable: "Services",
                        principalColumn: "ServiceKey");
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccommodationStatuses_Code",
                table: "AccommodationStatuses",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AgeBands_Name",
                table: "AgeBands",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_ReferralId",
                table: "Appointments",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_Areas_LsoaCode",
                table: "Areas",
                column: "LsoaCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContactModes_Code",
                table: "ContactModes",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Dates_MonthKey",
                table: "Dates",
                column: "MonthKey");

            migrationBuilder.CreateIndex(
                name: "IX_Disabilities_Code",
                table: "Disabilities",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EmploymentStatuses_Code",
                table: "EmploymentStatuses",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EndReasons_Code",
                table: "EndReasons",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Ethnicities_Code",
                table: "Ethnicities",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Genders_Code",
                table: "Genders",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HealthChecks_PeriodEndDateKey_EthnicityKey",
                table: "HealthChecks",
                columns: new[] { "PeriodEndDateKey", "EthnicityKey" });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeMeasures_Code",
                table: "OutcomeMeasures",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Population_AreaKey",
                table: "Population",
                column: "AreaKey");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeOutcomes_ServiceKey_OutcomeMeasureKey",
                table: "ProgrammeOutcomes",
                columns: new[] { "ServiceKey", "OutcomeMeasureKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Providers_Code",
                table: "Providers",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReferralSources_Code",
                table: "ReferralSources",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_AreaKey",
                table: "Referrals",
                column: "AreaKey");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_EthnicityKey",
                table: "Referrals",
                column: "EthnicityKey");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ServiceKey_EndDateKey",
                table: "Referrals",
                columns: new[] { "ServiceKey", "EndDateKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ServiceKey_ReferralDateKey",
                table: "Referrals",
                columns: new[] { "ServiceKey", "ReferralDateKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Schools_Code",
                table: "Schools",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Services_Code",
                table: "Services",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SexualOrientations_Code",
                table: "SexualOrientations",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Appointments");

            migrationBuilder.DropTable(
                name: "HealthChecks");

            migrationBuilder.DropTable(
                name: "Population");

            migrationBuilder.DropTable(
                name: "ProgrammeOutcomes");

            migrationBuilder.DropTable(
                name: "WarehouseLoads");

            migrationBuilder.DropTable(
                name: "ContactModes");

            migrationBuilder.DropTable(
                name: "OutcomeMeasures");

            migrationBuilder.DropTable(
                name: "Referrals");

            migrationBuilder.DropTable(
                name: "Schools");

            migrationBuilder.DropTable(
                name: "AccommodationStatuses");

            migrationBuilder.DropTable(
                name: "AgeBands");

            migrationBuilder.DropTable(
                name: "Areas");

            migrationBuilder.DropTable(
                name: "Dates");

            migrationBuilder.DropTable(
                name: "Disabilities");

            migrationBuilder.DropTable(
                name: "EmploymentStatuses");

            migrationBuilder.DropTable(
                name: "EndReasons");

            migrationBuilder.DropTable(
                name: "Ethnicities");

            migrationBuilder.DropTable(
                name: "Genders");

            migrationBuilder.DropTable(
                name: "ReferralSources");

            migrationBuilder.DropTable(
                name: "Services");

            migrationBuilder.DropTable(
                name: "SexualOrientations");

            migrationBuilder.DropTable(
                name: "Providers");
        }
    }
}
