using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Cartero.Platform.Data;

/// <summary>Marks values read from the database as UTC (SQLite keeps no kind) and refuses local times on write.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
