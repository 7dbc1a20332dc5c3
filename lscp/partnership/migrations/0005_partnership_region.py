# A partnership's region of England: the regional comparator's name, and wording that holds
# in one region only.

from django.db import migrations, models

REGIONS = [
    ("North East", "North East"), ("North West", "North West"),
    ("Yorkshire and The Humber", "Yorkshire and The Humber"),
    ("East Midlands", "East Midlands"), ("West Midlands", "West Midlands"),
    ("East of England", "East of England"), ("London", "London"),
    ("South East", "South East"), ("South West", "South West"),
]


class Migration(migrations.Migration):

    dependencies = [
        ('partnership', '0004_registers_in_the_app'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalpartnership',
            name='region',
            field=models.CharField(blank=True, choices=REGIONS,
                                   help_text='The region of England the area is in.',
                                   max_length=40),
        ),
        migrations.AddField(
            model_name='partnership',
            name='region',
            field=models.CharField(blank=True, choices=REGIONS,
                                   help_text='The region of England the area is in.',
                                   max_length=40),
        ),
    ]
