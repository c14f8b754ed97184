using Cartero.Platform.Auth;

namespace Cartero.Features.Store;

/// <summary>Who finishes a sale: the panel user (whose sales' mail they may see) and the actor recorded in the logs.</summary>
public sealed record Seller(Guid UserId, RequestActor Actor);
