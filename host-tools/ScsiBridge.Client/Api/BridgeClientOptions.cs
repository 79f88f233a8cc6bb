using System;

namespace ScsiBridge.Client.Api
{
    public sealed class BridgeClientOptions
    {
        /// <summary>How long to wait for an answer before sending the request again.</summary>
        public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(2);

        /// <summary>How many times a request is sent before the bridge counts as gone.</summary>
        public int Attempts { get; init; } = 4;

        /// <summary>How long to wait for HELLO's answer before asking again. A bridge answers
        /// HELLO in milliseconds even at 9600 baud; a port that is not a bridge is given up on
        /// after HelloTimeout times HelloAttempts (2.4 s), however much it sends.</summary>
        public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromMilliseconds(600);

        public int HelloAttempts { get; init; } = 4;

        /// <summary>The clock every timeout, back-off and rate of the client (and of the imaging
        /// built on it) runs on: the wall clock, or a simulator's virtual clock when a test drives
        /// the tool against one, so that its timeouts count the bridge's time, not the host's.</summary>
        public TimeProvider Time { get; init; } = TimeProvider.System;
    }
}
