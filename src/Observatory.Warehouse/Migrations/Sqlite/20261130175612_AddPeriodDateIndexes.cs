using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Observatory.Warehouse.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddPeriodDateIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ServiceKey_FirstContactDateKey",
                table: "Referrals",
                columns: new[] { "ServiceKey", "FirstContactDateKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ServiceKey_TreatmentStartDateKey",
                table: "Referrals",
                columns: new[] { "ServiceKey", "TreatmentStartDateKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Referrals_ServiceKey_FirstContactDateKey",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_ServiceKey_TreatmentStartDateKey",
                table: "Referrals");
        }
    }
}
