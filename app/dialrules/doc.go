// Package dialrules turns any text into the digits a desk phone must dial.
//
// It finds the first phone number in free text (Extract), keeps internal
// extensions (Nebenstellen), feature codes (*21#) and SIP addresses as
// they are, dials numbers of the own country nationally and foreign ones
// with the own country's international prefix, completes local numbers
// with the own area code (Vorwahl), and puts the outside-line prefix
// (Amtsholung, the digit a PBX needs before an external number, "0" in
// most German offices) in front of everything that leaves the building.
//
// Numbers are parsed by deskcti/contacts/number, so that dialling and the
// reverse lookup of callers agree on what a number is.
package dialrules
