from django.shortcuts import render

from .registry import public_sections


def home(request):
    return render(request, "portal/home.html", {"sections": public_sections()})
