using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Observatory.Warehouse.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddOverallComparison : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ComparedWithOverall",
                table: "IndicatorValues",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<double>(
                name: "OverallValue",
                table: "IndicatorValues",
                type: "REAL",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ComparedWithOverall",
                table: "IndicatorValues");

            migrationBuilder.DropColumn(
                name: "OverallValue",
                table: "IndicatorValues");
        }
    }
}
