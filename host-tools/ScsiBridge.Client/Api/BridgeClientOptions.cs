using System;

namespace ScsiBridge.Client.Api
{
    public sealed class BridgeClientOptions
    {
        /// <summary>How long to wait for an answer before sending the request again.</summary>
        public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(2);

        /// <summary>How many times a request is sent before the bridge counts as gone.</summary>
        public int Attempts { get; init; } = 4;
    }
}
