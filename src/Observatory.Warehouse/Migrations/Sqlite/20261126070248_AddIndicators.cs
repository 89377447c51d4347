using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Observatory.Warehouse.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddIndicators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Indicators",
                columns: table => new
                {
                    IndicatorId = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    Theme = table.Column<string>(type: "TEXT", nullable: false),
                    Question = table.Column<string>(type: "TEXT", nullable: false),
                    NumeratorDescription = table.Column<string>(type: "TEXT", nullable: false),
                    NumeratorQuery = table.Column<string>(type: "TEXT", nullable: false),
                    DenominatorDescription = table.Column<string>(type: "TEXT", nullable: true),
                    DenominatorQuery = table.Column<string>(type: "TEXT", nullable: true),
                    Unit = table.Column<string>(type: "TEXT", nullable: false),
                    UnitLabel = table.Column<string>(type: "TEXT", nullable: false),
                    Polarity = table.Column<string>(type: "TEXT", nullable: false),
                    Target = table.Column<double>(type: "REAL", nullable: true),
                    TargetDescription = table.Column<string>(type: "TEXT", nullable: true),
                    Breakdowns = table.Column<string>(type: "TEXT", nullable: false),
                    Periods = table.Column<string>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", nullable: false),
                    Caveats = table.Column<string>(type: "TEXT", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Indicators", x => x.IndicatorId);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorValues",
                columns: table => new
                {
                    IndicatorValueId = table.Column<long>(type: "INTEGER", nullable: false),
                    IndicatorId = table.Column<string>(type: "TEXT", nullable: false),
                    Disclosure = table.Column<string>(type: "TEXT", nullable: false),
                    PeriodType = table.Column<string>(type: "TEXT", nullable: false),
                    PeriodStartKey = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodEndKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<string>(type: "TEXT", nullable: false),
                    Area = table.Column<string>(type: "TEXT", nullable: false),
                    Breakdown = table.Column<string>(type: "TEXT", nullable: false),
                    GroupCode = table.Column<string>(type: "TEXT", nullable: false),
                    GroupName = table.Column<string>(type: "TEXT", nullable: false),
                    GroupOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Numerator = table.Column<double>(type: "REAL", nullable: true),
                    Denominator = table.Column<double>(type: "REAL", nullable: true),
                    Value = table.Column<double>(type: "REAL", nullable: true),
                    Lower95 = table.Column<double>(type: "REAL", nullable: true),
                    Upper95 = table.Column<double>(type: "REAL", nullable: true),
                    Lower998 = table.Column<double>(type: "REAL", nullable: true),
                    Upper998 = table.Column<double>(type: "REAL", nullable: true),
                    Suppression = table.Column<string>(type: "TEXT", nullable: false),
                    ReferenceGroup = table.Column<string>(type: "TEXT", nullable: true),
                    ReferenceValue = table.Column<double>(type: "REAL", nullable: true),
                    ComparisonMeasure = table.Column<string>(type: "TEXT", nullable: true),
                    Comparison = table.Column<double>(type: "REAL", nullable: true),
                    ComparisonLower95 = table.Column<double>(type: "REAL", nullable: true),
                    ComparisonUpper95 = table.Column<double>(type: "REAL", nullable: true),
                    ComparedWithReference = table.Column<string>(type: "TEXT", nullable: false),
                    Target = table.Column<double>(type: "REAL", nullable: true),
                    ComparedWithTarget = table.Column<string>(type: "TEXT", nullable: false),
                    Trend = table.Column<string>(type: "TEXT", nullable: false),
                    TrendMeaning = table.Column<string>(type: "TEXT", nullable: true),
                    SlopeIndex = table.Column<double>(type: "REAL", nullable: true),
                    SlopeIndexLower95 = table.Column<double>(type: "REAL", nullable: true),
                    SlopeIndexUpper95 = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorValues", x => x.IndicatorValueId);
                    table.ForeignKey(
                        name: "FK_IndicatorValues_Indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "IndicatorId");
                });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorValues_IndicatorId_Disclosure_PeriodType_Breakdown_PeriodStartKey",
                table: "IndicatorValues",
                columns: new[] { "IndicatorId", "Disclosure", "PeriodType", "Breakdown", "PeriodStartKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IndicatorValues");

            migrationBuilder.DropTable(
                name: "Indicators");
        }
    }
}
