using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Observatory.Warehouse.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddRecordKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PersonRecordKey",
                table: "Referrals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RecordKey",
                table: "Referrals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PersonRecordKey",
                table: "ProgrammeOutcomes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RecordKey",
                table: "ProgrammeOutcomes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PersonRecordKey",
                table: "HealthChecks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RecordKey",
                table: "HealthChecks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RecordKey",
                table: "Appointments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PersonRecordKey",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "RecordKey",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "PersonRecordKey",
                table: "ProgrammeOutcomes");

            migrationBuilder.DropColumn(
                name: "RecordKey",
                table: "ProgrammeOutcomes");

            migrationBuilder.DropColumn(
                name: "PersonRecordKey",
                table: "HealthChecks");

            migrationBuilder.DropColumn(
                name: "RecordKey",
                table: "HealthChecks");

            migrationBuilder.DropColumn(
                name: "RecordKey",
                table: "Appointments");
        }
    }
}
