namespace Cartero.Bench;

/// <summary>Milliseconds each step of one factura took at the counter.</summary>
internal readonly record struct SriTimings(double BuildMs, double ValidateMs, double SignMs, double RideMs)
{
    public double TotalMs => BuildMs + ValidateMs + SignMs + RideMs;
}
