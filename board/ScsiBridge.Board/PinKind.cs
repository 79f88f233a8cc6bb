namespace ScsiBridge.Board;

/// <summary>How a GPIO of the pin map meets the bus or the board.</summary>
public enum PinKind
{
    /// <summary>DB0-7 and DBP: both directions through the data transceivers.</summary>
    Data,

    /// <summary>A line one role drives and the other senses, on one GPIO (REQ, ACK, MSG, C/D, I/O, ATN).</summary>
    Control,

    /// <summary>The receiver side of a wired-OR line (BSY, SEL, RST), which both roles drive and sense.</summary>
    Sense,

    /// <summary>The driver side of a wired-OR line.</summary>
    Drive,

    /// <summary>A board control output: transceiver enable, role, termination, status LED.</summary>
    Board,
}
