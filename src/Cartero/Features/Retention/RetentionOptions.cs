namespace Cartero.Features.Retention;

/// <summary>The <c>Cartero:Retention</c> section.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Cartero:Retention";

    /// <summary>Whether this instance runs the daily purge (any number may: one purges at a time on PostgreSQL).</summary>
    public bool JobEnabled { get; set; } = true;

    /// <summary>Time between purges.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Wait after start before the first purge, so a starting instance serves first.</summary>
    public TimeSpan FirstRunDelay { get; set; } = TimeSpan.FromMinutes(5);
}
