"""The desktop face of SENCO desk (ttkbootstrap 2.x). Talks to services and domain only."""
