namespace Cartero.Features.Users;

/// <summary>A refusal tied to one field of <see cref="NewUserRequest"/> (its property name), worded for the person.</summary>
public sealed record UserFieldError(string Field, string Message);
