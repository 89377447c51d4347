using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Observatory.Warehouse.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MonthlyOutcomes",
                columns: table => new
                {
                    MonthlyOutcomeId = table.Column<int>(type: "INTEGER", nullable: false),
                    MonthKey = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceKey = table.Column<int>(type: "INTEGER", nullable: false),
                    AgeBandKey = table.Column<int>(type: "INTEGER", nullable: false),
                    EthnicityGroup = table.Column<string>(type: "TEXT", nullable: false),
                    Borough = table.Column<string>(type: "TEXT", nullable: false),
                    ImdQuintile = table.Column<int>(type: "INTEGER", nullable: false),
                    Ended = table.Column<int>(type: "INTEGER", nullable: false),
                    EndedAfterTreatment = table.Column<int>(type: "INTEGER", nullable: false),
                    FinishedTreatment = table.Column<int>(type: "INTEGER", nullable: false),
                    DroppedOut = table.Column<int>(type: "INTEGER", nullable: false),
                    FinishedAtCaseness = table.Column<int>(type: "INTEGER", nullable: false),
                    Recovered = table.Column<int>(type: "INTEGER", nullable: false),
                    ReliablyImproved = table.Column<int>(type: "INTEGER", nullable: false),
                    ReliablyRecovered = table.Column<int>(type: "INTEGER", nullable: false),
                    TreatedWithin6Weeks = table.Column<int>(type: "INTEGER", nullable: false),
                    TreatedWithin18Weeks = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionsAttended = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionsMissed = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthlyOutcomes", x => x.MonthlyOutcomeId);
                    table.ForeignKey(
                        name: "FK_MonthlyOutcomes_AgeBands_AgeBandKey",
                        column: x => x.AgeBandKey,
                        principalTable: "AgeBands",
                        principalColumn: "AgeBandKey");
                    table.ForeignKey(
                        name: "FK_MonthlyOutcomes_Dates_MonthKey",
                        column: x => x.MonthKey,
                        principalTable: "Dates",
                        principalColumn: "DateKey");
                    table.ForeignKey(
                        name: "FK_MonthlyOutcomes_Services_ServiceKey",
                        column: x => x.ServiceKey,
                        principalTable: "Services",
                        principalColumn: "ServiceKey");
                });

            migrationBuilder.CreateTable(
                name: "MonthlyReferrals",
                columns: table => new
                {
                    MonthlyReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    MonthKey = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceKey = table.Column<int>(type: "INTEGER", nullable: false),
                    AgeBandKey = table.Column<int>(type: "INTEGER", nullable: false),
                    EthnicityGroup = table.Column<string>(type: "TEXT", nullable: false),
                    Borough = table.Column<string>(type: "TEXT", nullable: false),
                    ImdQuintile = table.Column<int>(type: "INTEGER", nullable: false),
                    Referrals = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstContacts = table.Column<int>(type: "INTEGER", nullable: false),
                    EnteredTreatment = table.Column<int>(type: "INTEGER", nullable: false),
                    WaitToTreatmentDays = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthlyReferrals", x => x.MonthlyReferralId);
                    table.ForeignKey(
                        name: "FK_MonthlyReferrals_AgeBands_AgeBandKey",
                        column: x => x.AgeBandKey,
                        principalTable: "AgeBands",
                        principalColumn: "AgeBandKey");
                    table.ForeignKey(
                        name: "FK_MonthlyReferrals_Dates_MonthKey",
                        column: x => x.MonthKey,
                        principalTable: "Dates",
                        principalColumn: "DateKey");
                    table.ForeignKey(
                        name: "FK_MonthlyReferrals_Services_ServiceKey",
                        column: x => x.ServiceKey,
                        principalTable: "Services",
                        principalColumn: "ServiceKey");
                });

            migrationBuilder.CreateTable(
                name: "YearlyHealthChecks",
                columns: table => new
                {
                    YearlyHealthCheckId = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodEndDateKey = table.Column<int>(type: "INTEGER", nullable: false),
                    AgeBandKey = table.Column<int>(type: "INTEGER", nullable: false),
                    EthnicityGroup = table.Column<string>(type: "TEXT", nullable: false),
                    Borough = table.Column<string>(type: "TEXT", nullable: false),
                    ImdQuintile = table.Column<int>(type: "INTEGER", nullable: false),
                    People = table.Column<int>(type: "INTEGER", nullable: false),
                    AllSixChecks = table.Column<int>(type: "INTEGER", nullable: false),
                    AlcoholCheck = table.Column<int>(type: "INTEGER", nullable: false),
                    BloodGlucoseCheck = table.Column<int>(type: "INTEGER", nullable: false),
                    BloodPressureCheck = table.Column<int>(type: "INTEGER", nullable: false),
                    BmiCheck = table.Column<int>(type: "INTEGER", nullable: false),
                    LipidsCheck = table.Column<int>(type: "INTEGER", nullable: false),
                    SmokingCheck = table.Column<int>(type: "INTEGER", nullable: false),
                    ByStreetOutreachTeam = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_YearlyHealthChecks", x => x.YearlyHealthCheckId);
                    table.ForeignKey(
                        name: "FK_YearlyHealthChecks_AgeBands_AgeBandKey",
                        column: x => x.AgeBandKey,
                        principalTable: "AgeBands",
                        principalColumn: "AgeBandKey");
                    table.ForeignKey(
                        name: "FK_YearlyHealthChecks_Dates_PeriodEndDateKey",
                        column: x => x.PeriodEndDateKey,
                        principalTable: "Dates",
                        principalColumn: "DateKey");
                });

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyOutcomes_ServiceKey_MonthKey",
                table: "MonthlyOutcomes",
                columns: new[] { "ServiceKey", "MonthKey" });

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyReferrals_ServiceKey_MonthKey",
                table: "MonthlyReferrals",
                columns: new[] { "ServiceKey", "MonthKey" });

            migrationBuilder.CreateIndex(
                name: "IX_YearlyHealthChecks_PeriodEndDateKey",
                table: "YearlyHealthChecks",
                column: "PeriodEndDateKey");
            // An upgraded warehouse gets its summaries at once; every later load rebuilds them from the facts.
            foreach (var statement in Observatory.Warehouse.Infrastructure.WarehouseSummaries.Statements)
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MonthlyOutcomes");

            migrationBuilder.DropTable(
                name: "MonthlyReferrals");

            migrationBuilder.DropTable(
                name: "YearlyHealthChecks");
        }
    }
}
